package dev.parallelrun.participant;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A side effect as the gate recorded it.
 *
 * @param id      derived from the intent id and the type, so it doubles as the idempotency key a downstream system
 *                would see
 * @param payload what would be (or was) sent; holds no personal data
 */
public record GatedSideEffect(
        UUID id,
        String intentEventId,
        String correlationId,
        String type,
        JsonNode payload,
        SideEffectStatus status,
        Instant createdAt) {
}
