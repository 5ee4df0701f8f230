package dev.devcaster.emulator;

import dev.devcaster.emulator.model.MatchKeyMode;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar devcaster-emulator.jar --port 8080 [--host 0.0.0.0] [--catalog file.json]
 * [--seed seed.json] [--data-file state.json] [--match-key config|slug-and-account]}
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Our own log4j2 file name, so the plain jar never competes with a consumer's log4j2.xml.
        System.setProperty("log4j2.configurationFile", "devcaster-emulator-log4j2.xml");
        EmulatorConfig config = EmulatorConfig.defaults().withHost("0.0.0.0").withPort(8080);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(usage());
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + usage());
            }
            String value = args[++i];
            config = switch (option) {
                case "--port" -> config.withPort(Integer.parseInt(value));
                case "--host" -> config.withHost(value);
                case "--catalog" -> config.withCatalog(Path.of(value));
                case "--seed" -> config.withSeed(Path.of(value));
                case "--data-file" -> config.withDataFile(Path.of(value));
                case "--match-key" -> config.withMatchKeyMode(MatchKeyMode.parse(value));
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + usage());
            };
        }
        DevcasterEmulator emulator = DevcasterEmulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.println("Devcaster emulator listening on " + emulator.baseUrl()
                + " (API under /api/v3 and /api/v3.1, admin under /_emulator)");
        new CountDownLatch(1).await();
    }

    private static String usage() {
        return "usage: java -jar devcaster-emulator.jar [--port 8080] [--host 0.0.0.0] [--catalog file.json]"
                + " [--seed seed.json] [--data-file state.json] [--match-key config|slug-and-account]";
    }
}
