package dev.devcaster.operator.status;

/** Something the operator changed to bring the remote trigger back in line; becomes an Event. */
public record Correction(String reason, String message) {
}
