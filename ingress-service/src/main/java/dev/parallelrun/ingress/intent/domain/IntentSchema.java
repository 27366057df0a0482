package dev.parallelrun.ingress.intent.domain;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The rules an intent's {@code data} must satisfy before the ingress publishes it. Implementations are
 * hand-written checks on the JSON tree that report every violation at once, never just the first.
 */
public interface IntentSchema {

    /** The name intent types refer to in configuration ({@code ingress.intents[].schema}). */
    String name();

    /** Every violation of the schema; empty when the body is valid. */
    List<Violation> validate(JsonNode data);
}
