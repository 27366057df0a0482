package dev.parallelrun.reconciliation.verdicts.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Verdicts as the correlation emits them: revision n of a pair supersedes revision n - 1. */
public final class VerdictFixtures {

    /** Present in every verdict store: the first migrations record it. */
    public static final String RULE_SET = "structural-1";
    public static final String OUTCOME_TYPE = "ClaimAssessed";
    private static final EventCodec CODEC = EventCodec.standard();

    private VerdictFixtures() {
    }

    /** Revision {@code revision} of the pair's verdicts, decided {@code revision} seconds after {@code start}. */
    public static Verdict revision(String correlationId, int revision, Instant start) {
        Instant decidedAt = start.plusSeconds(revision);
        boolean missing = revision == 1;
        return new Verdict(verdictId(correlationId, OUTCOME_TYPE, revision), revision,
                revision == 1 ? null : verdictId(correlationId, OUTCOME_TYPE, revision - 1), correlationId, "claims",
                OUTCOME_TYPE, missing ? Classification.MISSING_SHADOW : Classification.TIMING,
                missing ? Severity.HIGH : Severity.NONE, List.of(), RULE_SET, start, missing ? null : decidedAt,
                decidedAt, "legacy-" + correlationId, missing ? null : "shadow-" + correlationId,
                outcome("CLEAR"), missing ? null : outcome("CLEAR"), null);
    }

    /** A first verdict whose legacy outcome carries the given fraud decision text. */
    public static Verdict withLegacyText(String correlationId, String fraudDecision) {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        return new Verdict(verdictId(correlationId, OUTCOME_TYPE, 1), 1, null, correlationId, "claims", OUTCOME_TYPE,
                Classification.MISSING_SHADOW, Severity.HIGH, List.of(), RULE_SET, now, null, now,
                "legacy-" + correlationId, null, outcome(fraudDecision), null, null);
    }

    /** The same verdict in another bounded context (which may not fit its column). */
    public static Verdict inContext(Verdict verdict, String context) {
        return new Verdict(verdict.verdictId(), verdict.revision(), verdict.supersedes(), verdict.correlationId(),
                context, verdict.outcomeType(), verdict.classification(), verdict.severity(), verdict.differences(),
                verdict.ruleSetVersion(), verdict.legacyReceivedAt(), verdict.shadowReceivedAt(), verdict.decidedAt(),
                verdict.legacyEventId(), verdict.shadowEventId(), verdict.legacy(), verdict.shadow(), null);
    }

    public static String verdictId(String correlationId, String outcomeType, int revision) {
        return UUID.nameUUIDFromBytes((correlationId + "|" + outcomeType + "|" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static JsonNode outcome(String fraudDecision) {
        return CODEC.tree(Map.of("claimId", "CLM-1001", "fraudDecision", fraudDecision, "riskScore", 10));
    }
}
