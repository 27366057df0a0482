package dev.parallelrun.reconciliation.replay.noise.domain;

import dev.parallelrun.events.Side;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What one side answered to one copy of a replayed intent in a noise run.
 *
 * @param originalEventId the event id of the original intent both copies were made from
 * @param outcomeType     the outcome type, e.g. {@code PremiumQuoted}
 * @param side            the side that answered
 * @param copy            which of the two copies of the original: {@code 1} or {@code 2}
 * @param data            the outcome's data; {@code null} (or a JSON {@code null}) when this copy's side gave no
 *                        completed outcome, so that it has nothing to compare
 */
public record NoiseObservation(String originalEventId, String outcomeType, Side side, int copy, JsonNode data) {

    public NoiseObservation {
        Objects.requireNonNull(originalEventId, "originalEventId");
        Objects.requireNonNull(outcomeType, "outcomeType");
        Objects.requireNonNull(side, "side");
        if (copy != 1 && copy != 2) {
            throw new IllegalArgumentException("a noise run gives every original twice: copy 1 or 2, not " + copy);
        }
    }

    /** Whether this copy has a completed outcome to compare. */
    boolean completed() {
        return data != null && !data.isNull() && !data.isMissingNode();
    }
}
