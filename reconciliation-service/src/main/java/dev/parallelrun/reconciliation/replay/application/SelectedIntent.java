package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.reconciliation.replay.domain.ReplayIds;

/**
 * One copy of an intent a run publishes: the original and the ids its replayed copy gets.
 */
public record SelectedIntent(String replayId, String originalEventId, int copy, String originalCorrelationId,
        String eventId, String correlationId) {

    /** The copy {@code copy} of an original, with its deterministic ids. */
    public static SelectedIntent of(String replayId, String originalEventId, String originalCorrelationId, int copy) {
        return new SelectedIntent(replayId, originalEventId, copy, originalCorrelationId,
                ReplayIds.eventId(replayId, originalEventId, copy), ReplayIds.correlationId(replayId, originalEventId, copy));
    }
}
