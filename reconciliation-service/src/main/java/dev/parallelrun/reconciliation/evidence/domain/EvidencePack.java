package dev.parallelrun.reconciliation.evidence.domain;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Classification.MatchRateBucket;
import dev.parallelrun.events.verdict.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence pack's JSON (the format: docs/evidence.md), built from what was stored about a context and period.
 *
 * <p>The digested part is a function of its inputs only, every list in a fixed order and every instant an ISO-8601
 * UTC string, so that the same stored data always gives the same digest. The match rates count as
 * {@code GET /api/v1/match-rates} counts: current verdicts by decision time, each classification in its
 * {@link Classification#bucket() match-rate bucket}, rate = agree / (agree + disagree), {@code null} while nothing
 * counts; intents that sampling left out have no verdict and are in no count.
 */
public final class EvidencePack {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EvidencePack() {
    }

    /**
     * The digested part of the pack.
     *
     * @param currentReadiness the readiness evaluated now, included only when the period is open; {@code null} when
     *                         there is none to include (the pack then says so)
     */
    public static ObjectNode evidence(String context, EvidencePeriod period, List<VerdictCount> counts,
            List<RuleSetInForce> ruleSets, List<AuthorityDecision> decisions, JsonNode currentReadiness) {
        return evidence(context, period, counts, ruleSets, decisions, List.of(), currentReadiness);
    }

    /**
     * The digested part of the pack, with the replays and noise runs requested in the period (what was asked, by
     * whom and why: their verdicts are in no count of the pack).
     */
    public static ObjectNode evidence(String context, EvidencePeriod period, List<VerdictCount> counts,
            List<RuleSetInForce> ruleSets, List<AuthorityDecision> decisions, List<ReplayRequested> replays,
            JsonNode currentReadiness) {
        return evidence(context, period, counts, ruleSets, decisions, replays, null, currentReadiness);
    }

    /**
     * The digested part of the pack, with the period's divergence cases by state and category at its end.
     *
     * @param cases {@code null} when the build records no cases (the pack then says so, rather than show an empty list
     *              that reads as "no cases")
     */
    public static ObjectNode evidence(String context, EvidencePeriod period, List<VerdictCount> counts,
            List<RuleSetInForce> ruleSets, List<AuthorityDecision> decisions, List<ReplayRequested> replays,
            List<CaseCount> cases, JsonNode currentReadiness) {
        ObjectNode evidence = JSON.objectNode();
        evidence.put("context", context);
        ObjectNode bounds = evidence.putObject("period");
        bounds.put("from", period.from().toString());
        bounds.put("to", period.to().toString());
        bounds.put("open", period.open());
        evidence.set("readinessEvaluations", readinessEvaluations(period, decisions, currentReadiness));
        evidence.set("matchRateByOutcomeType", matchRateByOutcomeType(counts));
        evidence.set("matchRateByHour", matchRateByHour(counts));
        evidence.set("classificationSeverityCounts", classificationSeverityCounts(counts));
        evidence.put("casesAvailable", cases != null);
        ArrayNode byState = evidence.putArray("casesByStateAndCategory");
        if (cases != null) {
            cases.stream().sorted(Comparator.comparing(CaseCount::state)
                    .thenComparing(CaseCount::category, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .forEach(c -> byState.addObject().put("state", c.state()).put("category", c.category())
                            .put("count", c.count()));
        }
        ArrayNode sets = evidence.putArray("ruleSets");
        ruleSets.stream().sorted(Comparator.comparing(RuleSetInForce::version)).forEach(r -> sets.add(ruleSetNode(r)));
        ArrayNode decided = evidence.putArray("authorityDecisions");
        sortedByTime(decisions).forEach(d -> decided.add(decisionNode(d)));
        ArrayNode replayed = evidence.putArray("replays");
        replays.stream().sorted(Comparator.comparing(ReplayRequested::requestedAt).thenComparing(ReplayRequested::replayId))
                .forEach(r -> replayed.add(replayNode(r)));
        return evidence;
    }

    private static ObjectNode replayNode(ReplayRequested replay) {
        ObjectNode node = JSON.objectNode();
        node.put("replayId", replay.replayId());
        node.put("kind", replay.kind());
        node.put("requestedBy", replay.requestedBy());
        node.put("requestedAt", replay.requestedAt().toString());
        node.put("reason", replay.reason());
        node.put("from", replay.from().toString());
        node.put("to", replay.to().toString());
        ArrayNode classifications = node.putArray("classifications");
        replay.classifications().stream().sorted().forEach(classifications::add);
        node.put("correlationIds", replay.correlationIds());
        if (replay.sample() == null) {
            node.putNull("sample");
        } else {
            node.put("sample", replay.sample());
        }
        return node;
    }

    /**
     * The pack as served: the evidence with its digest, the time it was generated and the context's sign-offs (the
     * three members the digest does not cover), each sign-off saying whether it signs this very pack.
     */
    public static ObjectNode complete(ObjectNode evidence, Instant generatedAt, List<SignOff> signOffs) {
        String digest = EvidenceDigest.of(evidence);
        ObjectNode pack = JSON.objectNode();
        pack.set("context", evidence.get("context"));
        pack.set("period", evidence.get("period"));
        pack.put(EvidenceDigest.DIGEST, digest);
        pack.put(EvidenceDigest.GENERATED_AT, generatedAt.toString());
        for (Map.Entry<String, JsonNode> member : evidence.properties()) {
            if (!pack.has(member.getKey())) {
                pack.set(member.getKey(), member.getValue());
            }
        }
        ArrayNode signed = pack.putArray(EvidenceDigest.SIGN_OFFS);
        signOffs.forEach(signOff -> signed.add(signOffNode(signOff).put("signsThisPack", signOff.digest().equals(digest))));
        return pack;
    }

    /** A sign-off as the API and the pack show it. */
    public static ObjectNode signOffNode(SignOff signOff) {
        ObjectNode node = JSON.objectNode();
        node.put("signOffId", signOff.signOffId());
        node.put("context", signOff.context());
        node.put("digest", signOff.digest());
        node.put("note", signOff.note());
        node.put("from", signOff.from().toString());
        node.put("to", signOff.to().toString());
        node.put("signedBy", signOff.signedBy());
        node.put("signedAt", signOff.signedAt().toString());
        return node;
    }

    private static ArrayNode readinessEvaluations(EvidencePeriod period, List<AuthorityDecision> decisions,
            JsonNode currentReadiness) {
        ArrayNode evaluations = JSON.arrayNode();
        for (AuthorityDecision decision : sortedByTime(decisions)) {
            ObjectNode evaluation = evaluations.addObject();
            evaluation.put("basis", "decision");
            evaluation.put("decisionId", decision.decisionId());
            evaluation.set("report", decision.readiness());
        }
        if (period.open()) {
            ObjectNode evaluation = evaluations.addObject();
            evaluation.put("basis", "current");
            evaluation.putNull("decisionId");
            evaluation.set("report", currentReadiness == null ? JSON.nullNode() : currentReadiness);
            if (currentReadiness == null) {
                evaluation.put("unavailable", "this build has no readiness evaluator");
            }
        }
        return evaluations;
    }

    private static List<AuthorityDecision> sortedByTime(List<AuthorityDecision> decisions) {
        return decisions.stream().sorted(Comparator.comparing(AuthorityDecision::decidedAt)
                .thenComparing(AuthorityDecision::decisionId)).toList();
    }

    private static ArrayNode matchRateByOutcomeType(List<VerdictCount> counts) {
        Map<String, long[]> byType = new TreeMap<>();
        for (VerdictCount count : counts) {
            add(byType.computeIfAbsent(count.outcomeType(), t -> new long[3]), count);
        }
        ArrayNode rates = JSON.arrayNode();
        byType.forEach((type, buckets) -> rates.add(rate(JSON.objectNode().put("outcomeType", type), buckets)));
        return rates;
    }

    private static ArrayNode matchRateByHour(List<VerdictCount> counts) {
        Map<Instant, Map<String, long[]>> byHour = new TreeMap<>();
        for (VerdictCount count : counts) {
            add(byHour.computeIfAbsent(count.hour(), h -> new TreeMap<>())
                    .computeIfAbsent(count.outcomeType(), t -> new long[3]), count);
        }
        ArrayNode rates = JSON.arrayNode();
        byHour.forEach((hour, byType) -> byType.forEach((type, buckets) ->
                rates.add(rate(JSON.objectNode().put("hour", hour.toString()).put("outcomeType", type), buckets))));
        return rates;
    }

    private static void add(long[] buckets, VerdictCount count) {
        buckets[count.classification().bucket().ordinal()] += count.count();
    }

    private static ObjectNode rate(ObjectNode row, long[] buckets) {
        long agree = buckets[MatchRateBucket.AGREE.ordinal()];
        long disagree = buckets[MatchRateBucket.DISAGREE.ordinal()];
        row.put("agree", agree).put("disagree", disagree).put("excluded", buckets[MatchRateBucket.EXCLUDED.ordinal()]);
        if (agree + disagree == 0) {
            row.putNull("matchRate");
        } else {
            row.put("matchRate", (double) agree / (agree + disagree));
        }
        return row;
    }

    private static ArrayNode classificationSeverityCounts(List<VerdictCount> counts) {
        Map<Classification, Map<Severity, Long>> table = new EnumMap<>(Classification.class);
        for (VerdictCount count : counts) {
            table.computeIfAbsent(count.classification(), c -> new EnumMap<>(Severity.class))
                    .merge(count.severity(), count.count(), Long::sum);
        }
        ArrayNode rows = JSON.arrayNode();
        table.forEach((classification, bySeverity) -> bySeverity.forEach((severity, n) -> rows.addObject()
                .put("classification", classification.name()).put("severity", severity.name()).put("count", n)));
        return rows;
    }

    private static ObjectNode ruleSetNode(RuleSetInForce ruleSet) {
        ObjectNode node = JSON.objectNode();
        node.put("version", ruleSet.version());
        node.put("context", ruleSet.context());
        node.put("declaredVersion", ruleSet.declaredVersion());
        node.put("contentSha256", ruleSet.contentSha256());
        node.put("source", ruleSet.source());
        node.put("firstActivatedAt", ruleSet.firstActivatedAt().toString());
        if (ruleSet.acceptedVariances() == null) {
            node.putNull("acceptedVariances");
            node.put("acceptedVariancesUnreadable", ruleSet.unreadable());
            return node;
        }
        ArrayNode variances = node.putArray("acceptedVariances");
        ruleSet.acceptedVariances().stream()
                .sorted(Comparator.comparing(RuleSetInForce.Variance::outcomeType).thenComparing(RuleSetInForce.Variance::id))
                .forEach(v -> variances.addObject().put("id", v.id()).put("outcomeType", v.outcomeType())
                        .put("reason", v.reason()).put("reference", v.reference())
                        .put("expiresAt", v.expiresAt() == null ? null : v.expiresAt().toString()));
        return node;
    }

    private static ObjectNode decisionNode(AuthorityDecision d) {
        ObjectNode node = JSON.objectNode();
        node.put("decisionId", d.decisionId());
        node.put("context", d.context());
        node.put("stage", d.stage());
        node.set("cohorts", d.cohorts());
        node.put("reason", d.reason());
        node.put("decidedBy", d.decidedBy());
        node.put("decidedAt", d.decidedAt().toString());
        node.put("previousDecisionId", d.previousDecisionId());
        node.put("previousStage", d.previousStage());
        node.set("previousCohorts", d.previousCohorts());
        node.put("overrideReason", d.overrideReason());
        return node;
    }
}
