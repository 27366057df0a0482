package dev.parallelrun.reconciliation.rules.whatif.domain;

import dev.parallelrun.events.verdict.Classification;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One live verdict as the database keeps it, what a what-if re-comparison needs of it.
 *
 * @param ruleSetVersion  the rule set that decided it (its redaction shaped the stored outcomes)
 * @param legacy          the legacy outcome as stored: normalized, then redacted; {@code null} if none was stored
 * @param shadow          the shadow outcome as stored: normalized, then redacted; {@code null} if none was stored
 * @param differencePaths the JSON Pointers of the verdict's differences
 */
public record StoredPair(String correlationId, String outcomeType, Classification classification, String ruleSetVersion,
        JsonNode legacy, JsonNode shadow, List<String> differencePaths, Instant decidedAt) {

    public StoredPair {
        differencePaths = List.copyOf(differencePaths);
    }
}
