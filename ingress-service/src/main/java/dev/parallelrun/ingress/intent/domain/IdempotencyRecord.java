package dev.parallelrun.ingress.intent.domain;

import java.time.Instant;

/**
 * What the ingress remembers of an idempotent request: enough to answer a retry with the same
 * response, and to tell a retry from a different request reusing the key.
 */
public record IdempotencyRecord(String channel, String idempotencyKey, String requestHash, String correlationId,
        String eventId, String eventType, Instant createdAt) {
}
