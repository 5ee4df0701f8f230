package dev.devcaster.emulator;

import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.requests.RequestLog;
import java.nio.file.Path;

/**
 * How to start an emulator. Immutable; the {@code with…} methods return changed copies.
 *
 * @param catalog  a catalog file replacing the built-in one, or null
 * @param dataFile state file loaded at start and rewritten on change, or null for memory only
 * @param seed     a seed file applied at start (after the data file), or null
 */
public record EmulatorConfig(String host, int port, Path catalog, Path dataFile, Path seed,
                             MatchKeyMode matchKeyMode, int requestLogCapacity) {

    /** Loopback, ephemeral port, built-in catalog, no persistence, CONFIG match key. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 0, null, null, null, MatchKeyMode.CONFIG, RequestLog.DEFAULT_CAPACITY);
    }

    public EmulatorConfig withHost(String value) {
        return new EmulatorConfig(value, port, catalog, dataFile, seed, matchKeyMode, requestLogCapacity);
    }

    public EmulatorConfig withPort(int value) {
        return new EmulatorConfig(host, value, catalog, dataFile, seed, matchKeyMode, requestLogCapacity);
    }

    public EmulatorConfig withCatalog(Path value) {
        return new EmulatorConfig(host, port, value, dataFile, seed, matchKeyMode, requestLogCapacity);
    }

    public EmulatorConfig withDataFile(Path value) {
        return new EmulatorConfig(host, port, catalog, value, seed, matchKeyMode, requestLogCapacity);
    }

    public EmulatorConfig withSeed(Path value) {
        return new EmulatorConfig(host, port, catalog, dataFile, value, matchKeyMode, requestLogCapacity);
    }

    public EmulatorConfig withMatchKeyMode(MatchKeyMode value) {
        return new EmulatorConfig(host, port, catalog, dataFile, seed, value, requestLogCapacity);
    }

    public EmulatorConfig withRequestLogCapacity(int value) {
        return new EmulatorConfig(host, port, catalog, dataFile, seed, matchKeyMode, value);
    }
}
