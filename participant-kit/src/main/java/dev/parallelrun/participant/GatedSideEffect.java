package dev.parallelrun.participant;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A side effect as the gate recorded it.
 *
 * @param id      derived from the intent id and the type, so it doubles as the idempotency key a downstream system
 *                would see
 * @param payload   what would be (or was) sent; holds no personal data
 * @param relayedAt when the relay published a dispatched side effect on {@code sideeffects.dispatched.v1} and the broker
 *                  acknowledged it; {@code null} until then, and always for a suppressed one
 */
public record GatedSideEffect(
        UUID id,
        String intentEventId,
        String correlationId,
        String type,
        JsonNode payload,
        SideEffectStatus status,
        Instant createdAt,
        Instant relayedAt) {

    /** A side effect as the gate records it: not relayed yet. */
    public GatedSideEffect(UUID id, String intentEventId, String correlationId, String type, JsonNode payload,
            SideEffectStatus status, Instant createdAt) {
        this(id, intentEventId, correlationId, type, payload, status, createdAt, null);
    }
}
