package dev.parallelrun.claims;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.fixtures.GoldenEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object mother for {@code ClaimSubmitted} intents: the golden {@code claim-submitted.json} with a fresh
 * event id, correlation id and claim id, and whatever a test changes in its data.
 */
public final class ClaimIntents {

    private ClaimIntents() {
    }

    /** The golden clean claim (motor, 1234.56, DE, "rear-end collision"), made unique. */
    public static CloudEvent clean() {
        return claim(data -> { });
    }

    public static CloudEvent claim(Consumer<ObjectNode> change) {
        return claimAt(golden().time(), change);
    }

    public static CloudEvent claimAt(Instant time, Consumer<ObjectNode> change) {
        CloudEvent golden = golden();
        ObjectNode data = (ObjectNode) golden.data().deepCopy();
        data.put("claimId", "CLM-" + UUID.randomUUID());
        change.accept(data);
        return CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), time,
                UUID.randomUUID().toString(), golden.boundedContext(), data);
    }

    public static Consumer<ObjectNode> amount(String amount) {
        return data -> data.put("claimedAmount", new BigDecimal(amount));
    }

    public static CloudEvent golden() {
        return GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
    }
}
