package dev.devcaster.emulator.model;

/** The instance an upsert landed on; {@code created} tells 201 from 200. */
public record UpsertOutcome(String triggerId, boolean created) {
}
