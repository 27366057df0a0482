package dev.parallelrun.reconciliation.domain;

import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What one side reported for one (correlation id, outcome type), as reconciliation received it.
 *
 * @param eventId    the outcome event's id (deterministic per intent, side and outcome type)
 * @param receivedAt when reconciliation processed it
 */
public record OutcomeSnapshot(
        String eventId,
        String correlationId,
        String context,
        String outcomeType,
        Side side,
        OutcomeStatus status,
        JsonNode data,
        Instant receivedAt) {

    public PairKey pairKey() {
        return new PairKey(correlationId, outcomeType);
    }
}
