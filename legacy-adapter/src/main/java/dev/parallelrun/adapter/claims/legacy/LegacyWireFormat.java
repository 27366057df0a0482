package dev.parallelrun.adapter.claims.legacy;

import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.claims.domain.LegacyClaimResponse;
import dev.parallelrun.adapter.claims.domain.UnreadableLegacyAnswerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy JSON: upper-snake-case field names ({@code claimNo} is {@code CLAIM_NO}), string
 * values. A mapper of its own, so the platform's JSON settings never change the legacy format.
 */
final class LegacyWireFormat {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    byte[] write(LegacyClaimRequest request) {
        return mapper.writeValueAsBytes(request);
    }

    LegacyClaimResponse read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UnreadableLegacyAnswerException("empty answer");
        }
        try {
            return mapper.readValue(body, LegacyClaimResponse.class);
        } catch (JacksonException e) {
            throw new UnreadableLegacyAnswerException("answer is not legacy JSON: " + e.getOriginalMessage());
        }
    }
}
