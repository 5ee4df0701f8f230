package dev.devcaster.sandbox.lifecycle;

/**
 * One part of the sandbox (the local cluster, the emulator, the operator, the applied manifests,
 * ...). The sandbox lists them in order; {@link ComponentStack} starts them in that order and stops
 * the started ones in reverse order, on Ctrl-C, on exit and on failure.
 */
public interface Component {

    /** What the stop report calls it ("the operator"); null (the default) for parts not worth a line of their own. */
    default String name() {
        return null;
    }

    /** Checks that need nothing started (a port is free, a file exists); {@link Preflight} runs them first. */
    default void preflight() {
    }

    /** Starts it. A start that fails or is stopped half-way is still followed by {@link #stop()}. */
    void start();

    /** Stops what {@link #start()} started, also after a partial start. */
    void stop();
}
