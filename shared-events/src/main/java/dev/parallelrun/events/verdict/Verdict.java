package dev.parallelrun.events.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The data of a {@code reconciliation.Verdict.v1} event: how the two sides' outcomes of one
 * (correlation id, outcome type) compared.
 *
 * @param verdictId        unique and deterministic: replaying the verdict topic never duplicates a record
 * @param revision         1 for the first verdict of a pair; a late arrival supersedes it with revision 2
 * @param supersedes       the verdict id this one replaces, if any
 * @param ruleSetVersion   the comparison rules that decided it, for reproducibility
 * @param legacy           the legacy side's normalized outcome (redacted), or {@code null} if it never arrived
 * @param shadow           the shadow side's normalized outcome (redacted), or {@code null} if it never arrived
 * @param replayId         the replay this verdict belongs to ({@code null} for live traffic): a replay's verdicts
 *                         stay out of live match rates and readiness
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(
        String verdictId,
        int revision,
        String supersedes,
        String correlationId,
        String context,
        String outcomeType,
        Classification classification,
        Severity severity,
        List<Difference> differences,
        String ruleSetVersion,
        Instant legacyReceivedAt,
        Instant shadowReceivedAt,
        Instant decidedAt,
        String legacyEventId,
        String shadowEventId,
        JsonNode legacy,
        JsonNode shadow,
        String replayId) {

    public static final String EVENT_TYPE = "reconciliation.Verdict.v1";

    public Verdict {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }
}
