package dev.parallelrun.reconciliation.replay.domain;

import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.verdict.Classification;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an admin asked for: the intents of {@code context} accepted in {@code [from, to)}, optionally only those whose
 * current verdict has one of {@code classifications} or whose correlation id is one of {@code correlationIds}, replayed
 * at most {@code ratePerSecond} intents a second, for {@code reason}. A noise run ({@link ReplayKind#NOISE}) takes
 * {@code sample} of them and gives each to both sides twice.
 */
public record ReplayRequest(ReplayKind kind, String context, Instant from, Instant to, Set<Classification> classifications,
        Set<String> correlationIds, Integer sample, String reason, int ratePerSecond) {

    /** Requests above these are refused: a replay is a tool for a range of evidence, not a second traffic source. */
    public static final int MAX_CORRELATION_IDS = 10_000;
    public static final int MAX_SAMPLE = 10_000;
    public static final int MAX_REASON_LENGTH = 2_000;

    public ReplayRequest {
        classifications = classifications == null ? Set.of() : Set.copyOf(classifications);
        correlationIds = correlationIds == null ? Set.of() : Set.copyOf(correlationIds);
    }

    /**
     * Refuses what cannot be carried out, naming the member at fault.
     *
     * @param now          the current time: a range must have ended
     * @param maxRate      the highest rate this service allows
     */
    public void validate(Instant now, int maxRate) {
        require(context != null && !context.isBlank(), "context", "context is required");
        require(from != null, "from", "from is required (ISO-8601, e.g. 2026-12-01T00:00:00Z)");
        require(to != null, "to", "to is required (ISO-8601, e.g. 2026-12-02T00:00:00Z)");
        require(from.isBefore(to), "from", "from (" + from + ") must be before to (" + to + ")");
        require(!to.isAfter(now), "to", "to (" + to + ") is in the future: a replay reads intents already accepted");
        require(reason != null && !reason.isBlank(), "reason", "reason is required: why this replay is run");
        require(reason.length() <= MAX_REASON_LENGTH, "reason", "reason is longer than " + MAX_REASON_LENGTH + " characters");
        require(ratePerSecond >= 1 && ratePerSecond <= maxRate, "ratePerSecond",
                "ratePerSecond must be between 1 and " + maxRate + ", was " + ratePerSecond);
        require(correlationIds.size() <= MAX_CORRELATION_IDS, "filter.correlationIds",
                "at most " + MAX_CORRELATION_IDS + " correlation ids, were " + correlationIds.size());
        require(correlationIds.stream().noneMatch(id -> id == null || id.isBlank() || id.length() > 128),
                "filter.correlationIds", "correlation ids must be non-blank and at most 128 characters");
        if (kind == ReplayKind.NOISE) {
            require(sample != null && sample >= 1 && sample <= MAX_SAMPLE, "sample",
                    "sample must be between 1 and " + MAX_SAMPLE + ", was " + sample);
        } else {
            require(sample == null, "sample", "sample applies to noise runs only");
        }
    }

    /** How many times each selected intent is published: twice for a noise run, once for a replay. */
    public int copies() {
        return copies(kind);
    }

    /** How many times each selected intent of a run of this kind is published. */
    public static int copies(ReplayKind kind) {
        return kind == ReplayKind.NOISE ? 2 : 1;
    }

    /** The classifications in a stable order (for storage). */
    public List<String> classificationNames() {
        return classifications.stream().map(Enum::name).sorted().toList();
    }

    private static void require(boolean condition, String member, String message) {
        if (!condition) {
            throw new InvalidReplayException(member, message);
        }
    }
}
