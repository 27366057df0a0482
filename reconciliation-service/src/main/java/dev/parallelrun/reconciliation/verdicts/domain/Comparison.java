package dev.parallelrun.reconciliation.verdicts.domain;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The result of comparing two completed outcomes: the differences found and what they amount to
 * ({@code MATCH}, {@code TOLERATED}, {@code EXPECTED_DIFFERENCE} or {@code MISMATCH}), with both
 * sides' outcomes as a verdict may carry them (normalized, then redacted).
 *
 * @param differences every difference found, tolerated and accepted ones included; their values redacted
 * @param legacy      the legacy outcome, normalized and redacted
 * @param shadow      the shadow outcome, normalized and redacted
 */
public record Comparison(Classification classification, Severity severity, List<Difference> differences,
        String ruleSetVersion, JsonNode legacy, JsonNode shadow) {

    public Comparison {
        differences = List.copyOf(differences);
    }

    /** Whether the two sides agree in content (whatever tolerances or accepted variances it took). */
    public boolean equivalent() {
        return classification.bucket() == Classification.MatchRateBucket.AGREE;
    }
}
