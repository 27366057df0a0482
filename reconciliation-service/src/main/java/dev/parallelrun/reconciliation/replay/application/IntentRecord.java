package dev.parallelrun.reconciliation.replay.application;

/** An original intent read back from its topic: what selection needs to know of it. */
public record IntentRecord(String eventId, String correlationId) {
}
