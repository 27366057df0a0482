package dev.parallelrun.ingress.intent.schema;

import dev.parallelrun.events.IntentType;
import java.util.Objects;

/** An intent type the ingress accepts, with the schema its body is checked against. */
public record RegisteredIntent(IntentType type, IntentSchema schema) {

    public RegisteredIntent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(schema, "schema");
    }
}
