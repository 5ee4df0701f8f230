package dev.devcaster.sandbox.lifecycle;

/** The sandbox is stopping (Ctrl-C) while something starts or waits: end quietly, the stop reports. */
public final class Stopped extends RuntimeException {

    public Stopped() {
        super("stopping", null, false, false);
    }
}
