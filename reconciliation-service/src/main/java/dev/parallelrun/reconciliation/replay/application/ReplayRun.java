package dev.parallelrun.reconciliation.replay.application;

import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.replay.domain.ReplayPhase;
import dev.parallelrun.reconciliation.replay.domain.ReplayRequest;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A replay or noise run as recorded: what was asked, by whom and why, the topic range fixed when it was asked, and
 * where it stands.
 *
 * @param startOffsets per partition of the context's intent topic, the first offset in the range
 * @param endOffsets   per partition, the first offset beyond the range
 * @param selected     how many intents (copies counted) it publishes in all; {@code null} while still selecting
 * @param published    how many of them are published (committed)
 */
public record ReplayRun(String replayId, ReplayKind kind, String context, Instant from, Instant to,
        Set<Classification> classifications, Set<String> correlationIds, Integer sample, String reason,
        int ratePerSecond, String requestedBy, Instant requestedAt, Map<Integer, Long> startOffsets,
        Map<Integer, Long> endOffsets, ReplayState state, ReplayPhase phase, Long selected, long published,
        String failure, String cancelledBy, Instant finishedAt) {

    public ReplayRun {
        classifications = classifications == null ? Set.of() : Set.copyOf(classifications);
        correlationIds = correlationIds == null ? Set.of() : Set.copyOf(correlationIds);
        startOffsets = Map.copyOf(startOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }

    /** How many times each selected intent is published. */
    public int copies() {
        return ReplayRequest.copies(kind);
    }
}
