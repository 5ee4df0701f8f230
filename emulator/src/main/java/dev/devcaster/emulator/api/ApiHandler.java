package dev.devcaster.emulator.api;

/** One endpoint of the public API; faults, auth and logging happen around it. */
@FunctionalInterface
public interface ApiHandler {
    void handle(ApiRequest request) throws Exception;
}
