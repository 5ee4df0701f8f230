package dev.devcaster.operator.testing;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-process emulator (the real HTTP server) per test run; each test starts clean: state,
 * faults and request log are reset after every test.
 */
public class EmulatorExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(EmulatorExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevcasterEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator(context).reset();
    }

    private static DevcasterEmulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(DevcasterEmulator.class,
            key -> DevcasterEmulator.start(EmulatorConfig.defaults()), DevcasterEmulator.class);
    }
}
