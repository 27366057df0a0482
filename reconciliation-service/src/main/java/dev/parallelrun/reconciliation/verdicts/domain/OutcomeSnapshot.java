package dev.parallelrun.reconciliation.verdicts.domain;

import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What one side reported for one (correlation id, outcome type), as reconciliation received it.
 *
 * @param eventId     the outcome event's id (deterministic per intent, side and outcome type)
 * @param causationId the id of the intent event the outcome answers ({@code null} if the producer did not say)
 * @param receivedAt  when reconciliation processed it (wall clock; the verdict's {@code *ReceivedAt})
 * @param answeredAt  when the side answered: the outcome's CloudEvent {@code time}, never later than
 *                    {@code receivedAt}. Lateness is decided from this, so a reconciliation outage
 *                    does not make answers late
 * @param replayId    the replay the outcome belongs to ({@code replayid}), {@code null} for live traffic
 */
public record OutcomeSnapshot(
        String eventId,
        String correlationId,
        String causationId,
        String context,
        String outcomeType,
        Side side,
        OutcomeStatus status,
        JsonNode data,
        Instant receivedAt,
        Instant answeredAt,
        String replayId) {

    public PairKey pairKey() {
        return new PairKey(correlationId, outcomeType);
    }
}
