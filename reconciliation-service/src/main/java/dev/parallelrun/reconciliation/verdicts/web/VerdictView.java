package dev.parallelrun.reconciliation.verdicts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A verdict as the API shows it; {@code replayId} only on a replay's verdicts; {@code history} (superseded verdicts, newest first) only on the per-transaction view. */
public record VerdictView(
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
        JsonNode legacy,
        JsonNode shadow,
        // only on a replay's or a noise run's verdicts: live verdicts have none
        @JsonInclude(JsonInclude.Include.NON_NULL) String replayId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<VerdictView> history) {

    public static VerdictView of(Verdict v, List<VerdictView> history) {
        return new VerdictView(v.verdictId(), v.revision(), v.supersedes(), v.correlationId(), v.context(),
                v.outcomeType(), v.classification(), v.severity(), v.differences(), v.ruleSetVersion(),
                v.legacyReceivedAt(), v.shadowReceivedAt(), v.decidedAt(), v.legacy(), v.shadow(), v.replayId(), history);
    }
}
