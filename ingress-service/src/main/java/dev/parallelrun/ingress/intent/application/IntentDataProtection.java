package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.ingress.intent.schema.IntentSchema;
import tools.jackson.databind.JsonNode;

/**
 * What happens to an intent's data between validation and publishing: its personal fields are encrypted
 * (crypto-shredding, {@code personaldata}), so that no plaintext personal data reaches a topic.
 */
@FunctionalInterface
public interface IntentDataProtection {

    /** Publishes the data as the channel sent it; for tests of other concerns only. */
    IntentDataProtection NONE = (schema, data) -> data;

    /**
     * The data to publish in place of the validated body.
     *
     * @throws IntentRejectedException   when the body cannot be protected as it is (422)
     * @throws IntentNotDurableException when protecting it failed for a reason the channel can retry (503)
     */
    JsonNode protect(IntentSchema schema, JsonNode data);

    /**
     * The data as the request fingerprint sees it: deterministic (the same body gives the same result), but with
     * nothing in it that confirms a guess of a personal value to anyone without the ingress's secret.
     */
    default JsonNode pseudonymise(IntentSchema schema, JsonNode data) {
        return data;
    }
}
