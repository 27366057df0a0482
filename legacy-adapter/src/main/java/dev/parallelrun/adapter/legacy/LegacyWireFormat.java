package dev.parallelrun.adapter.legacy;

import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The legacy JSON of every legacy transaction: upper-snake-case field names ({@code claimNo} is {@code CLAIM_NO},
 * {@code quoteNo} is {@code QUOTE_NO}), string values. A mapper of its own, so the platform's JSON settings never
 * change the legacy format.
 */
public final class LegacyWireFormat {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] write(Object request) {
        return mapper.writeValueAsBytes(request);
    }

    /** A request with the {@code MODE} field that says whether legacy runs it for real, e.g. {@code "MODE": "SIMULATE"}. */
    public byte[] write(Object request, LegacyMode mode) {
        ObjectNode fields = mapper.valueToTree(request);
        fields.put("MODE", mode.code());
        return mapper.writeValueAsBytes(fields);
    }

    /** Reads a legacy answer; an empty or non-legacy body is an {@link UnreadableLegacyAnswerException}. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new UnreadableLegacyAnswerException("empty answer");
        }
        try {
            return mapper.readValue(body, type);
        } catch (JacksonException e) {
            throw new UnreadableLegacyAnswerException("answer is not legacy JSON: " + e.getOriginalMessage());
        }
    }
}
