package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.ingress.channel.domain.Channel;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An intent as a channel posted it.
 *
 * @param correlationId  the channel's correlation id, or {@code null} to have one assigned
 * @param idempotencyKey the channel's idempotency key, or {@code null} for a request that is not idempotent
 */
public record IntentRequest(Channel channel, String intentType, JsonNode body, String correlationId,
        String idempotencyKey) {

    public IntentRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(intentType, "intentType");
        Objects.requireNonNull(body, "body");
    }
}
