package dev.devcaster.sandbox.devcaster;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.sandbox.lifecycle.Ports;
import dev.devcaster.sandbox.output.Console;

import java.net.BindException;
import java.net.URI;

/** The Devcaster emulator, in this process, on 127.0.0.1, with the demo project. */
public final class LocalEmulator implements Devcaster {

    private static final String FLAG = "--emulator-port";
    private static final String WHAT = "the Devcaster emulator";

    private final int port;
    private final Console console;
    private DevcasterEmulator emulator;

    public LocalEmulator(int port, Console console) {
        this.port = port;
        this.console = console;
    }

    @Override
    public String name() {
        return "the emulator";
    }

    @Override
    public void preflight() {
        Ports.requireFree(port, true, WHAT, FLAG);
    }

    @Override
    public void start() {
        try {
            emulator = DevcasterEmulator.start(EmulatorConfig.defaults().withHost("127.0.0.1").withPort(port));
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class)) {
                throw Ports.taken(port, WHAT, FLAG);
            }
            throw e;
        }
        emulator.seed(DemoSeed.load());
        console.step("Devcaster emulator on " + baseUrl() + " (API key " + DemoSeed.API_KEY + "; " + DemoSeed.USERS + ")");
    }

    @Override
    public URI baseUrl() {
        return emulator.baseUrl();
    }

    @Override
    public String apiKey() {
        return DemoSeed.API_KEY;
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
