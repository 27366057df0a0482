package dev.parallelrun.ingress.intent.schema;

import dev.parallelrun.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The intent schemas shipped in {@code src/main/resources/intent-schemas/}, compiled as the service does. */
public final class ShippedSchemas {

    public static final String CLAIM_SUBMITTED = "/intent-schemas/claims/ClaimSubmitted.schema.json";

    private ShippedSchemas() {
    }

    /** The ClaimSubmitted schema, with "today" taken from the clock. */
    public static IntentSchema claimSubmitted(Clock clock) {
        return load(CLAIM_SUBMITTED, clock);
    }

    public static IntentSchema load(String resource, Clock clock) {
        try (InputStream in = ShippedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + resource);
            }
            return new IntentSchemaCompiler(clock).compile(resource, EventCodec.standard().mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
