package dev.parallelrun.reconciliation.evidence.domain;

import java.time.Instant;
import java.util.List;

/**
 * A replay or noise run requested for the context in the period, as the evidence shows it: only what never changes
 * after the request (who, when, why, what range and filter), never its progress, so that a closed period's digest stays
 * the same while a replay runs on.
 *
 * @param kind             {@code REPLAY} or {@code NOISE}
 * @param correlationIds   how many correlation ids the filter named (0: none)
 */
public record ReplayRequested(String replayId, String kind, String requestedBy, Instant requestedAt, String reason,
        Instant from, Instant to, List<String> classifications, int correlationIds, Integer sample) {

    public ReplayRequested {
        classifications = classifications == null ? List.of() : List.copyOf(classifications);
    }
}
