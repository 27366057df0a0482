package dev.parallelrun.pricing;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.fixtures.GoldenEvents;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object mother for {@code QuoteRequested} intents: the golden {@code quote-requested.json} with a fresh event id,
 * correlation id and quote id, and whatever a test changes in its data.
 */
public final class PricingIntents {

    private PricingIntents() {
    }

    /** The golden request (home, DE, private, 300 000.00, glass, theft, roadside, paperless), made unique. */
    public static CloudEvent golden() {
        return quote(data -> { });
    }

    /** The golden request accepted just now: within the new service's authority deadline. */
    public static CloudEvent fresh() {
        CloudEvent golden = golden();
        return CloudEvent.intent(golden.id(), golden.type(), golden.source(), java.time.Instant.now(),
                golden.correlationId(), golden.boundedContext(), golden.data());
    }

    public static CloudEvent quote(Consumer<ObjectNode> change) {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.QUOTE_REQUESTED);
        ObjectNode data = (ObjectNode) golden.data().deepCopy();
        data.put("quoteId", "QTE-" + UUID.randomUUID());
        change.accept(data);
        return CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), golden.time(),
                UUID.randomUUID().toString(), golden.boundedContext(), data);
    }
}
