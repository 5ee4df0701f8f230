package dev.devcaster.operator.status;

/** Texts people read in conditions and Events: bounded, so one huge server answer cannot bloat a status. */
final class Messages {

    static final int MAX_LENGTH = 1024;

    private Messages() {
    }

    static String bounded(String message) {
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH - 3) + "..." : message;
    }
}
