package dev.parallelrun.reconciliation.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The pack's sections from stored data: counted as the match-rate endpoint counts, in an order that does not vary. */
class EvidencePackTest {

    private static final Instant TEN = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-02T11:00:00Z");
    private static final EvidencePeriod CLOSED = EvidencePeriod.of(Instant.parse("2026-11-02T00:00:00Z"),
            Instant.parse("2026-11-03T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

    private final List<VerdictCount> counts = List.of(
            new VerdictCount(TEN, "ClaimAssessed", Classification.MATCH, Severity.NONE, "claims-1@sha256:aa", 6),
            new VerdictCount(TEN, "ClaimAssessed", Classification.TOLERATED, Severity.NONE, "claims-1@sha256:aa", 2),
            new VerdictCount(TEN, "ClaimAssessed", Classification.MISMATCH, Severity.CRITICAL, "claims-1@sha256:aa", 2),
            new VerdictCount(TEN, "ClaimAssessed", Classification.DATA_QUALITY, Severity.LOW, "claims-1@sha256:aa", 5),
            new VerdictCount(ELEVEN, "PaymentDecided", Classification.FAILED, Severity.NONE, "claims-1@sha256:aa", 1),
            new VerdictCount(ELEVEN, "ClaimAssessed", Classification.MISMATCH, Severity.HIGH, "claims-2@sha256:bb", 1));

    @Test
    void countsEachHourAndOutcomeTypeIntoAgreeDisagreeAndExcluded() {
        ObjectNode pack = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), null);

        assertThat(pack.get("matchRateByHour").toString()).isEqualTo("["
                + "{\"hour\":\"2026-11-02T10:00:00Z\",\"outcomeType\":\"ClaimAssessed\",\"agree\":8,\"disagree\":2,"
                + "\"excluded\":5,\"matchRate\":0.8},"
                + "{\"hour\":\"2026-11-02T11:00:00Z\",\"outcomeType\":\"ClaimAssessed\",\"agree\":0,\"disagree\":1,"
                + "\"excluded\":0,\"matchRate\":0.0},"
                + "{\"hour\":\"2026-11-02T11:00:00Z\",\"outcomeType\":\"PaymentDecided\",\"agree\":0,\"disagree\":0,"
                + "\"excluded\":1,\"matchRate\":null}]");
        assertThat(pack.get("matchRateByOutcomeType").get(0).get("matchRate").asDouble()).isEqualTo(8.0 / 11);
        assertThat(pack.get("classificationSeverityCounts").get(0).toString())
                .isEqualTo("{\"classification\":\"MATCH\",\"severity\":\"NONE\",\"count\":6}");
        assertThat(pack.get("casesAvailable").asBoolean()).isFalse();
    }

    @Test
    void listsCasesByStateThenCategoryWhateverOrderTheyAreReadIn() {
        List<VerdictCount> counts = List.of();
        List<CaseCount> cases = List.of(new CaseCount("RESOLVED", "UPSTREAM_DATA", 2), new CaseCount("OPEN", null, 4),
                new CaseCount("RESOLVED", "LEGACY_DEFECT", 1));
        List<CaseCount> reversed = new java.util.ArrayList<>(cases);
        java.util.Collections.reverse(reversed);

        ObjectNode one = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), List.of(), cases, null);
        ObjectNode other = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), List.of(), reversed, null);

        assertThat(one.get("casesAvailable").asBoolean()).isTrue();
        assertThat(one.get("casesByStateAndCategory").toString()).isEqualTo("[{\"state\":\"OPEN\",\"category\":null,"
                + "\"count\":4},{\"state\":\"RESOLVED\",\"category\":\"LEGACY_DEFECT\",\"count\":1},"
                + "{\"state\":\"RESOLVED\",\"category\":\"UPSTREAM_DATA\",\"count\":2}]");
        assertThat(EvidenceDigest.of(one)).isEqualTo(EvidenceDigest.of(other));
    }

    @Test
    void listsTheReplaysRequestedInThePeriodOldestFirstAndTheirOrderOfArrivalChangesNoDigest() {
        ReplayRequested noise = new ReplayRequested("run-2", "NOISE", "admin", Instant.parse("2026-11-02T11:30:00Z"),
                "calibration", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), List.of(), 0,
                50);
        ReplayRequested replay = new ReplayRequested("run-1", "REPLAY", "admin", Instant.parse("2026-11-02T10:30:00Z"),
                "fixed build", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"),
                List.of("MISSING_SHADOW", "MISMATCH"), 3, null);

        ObjectNode one = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), List.of(noise, replay), null);
        ObjectNode other = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), List.of(replay, noise), null);

        assertThat(one.get("replays").toString()).isEqualTo("["
                + "{\"replayId\":\"run-1\",\"kind\":\"REPLAY\",\"requestedBy\":\"admin\",\"requestedAt\":"
                + "\"2026-11-02T10:30:00Z\",\"reason\":\"fixed build\",\"from\":\"2026-11-01T00:00:00Z\",\"to\":"
                + "\"2026-11-02T00:00:00Z\",\"classifications\":[\"MISMATCH\",\"MISSING_SHADOW\"],\"correlationIds\":3,"
                + "\"sample\":null},"
                + "{\"replayId\":\"run-2\",\"kind\":\"NOISE\",\"requestedBy\":\"admin\",\"requestedAt\":"
                + "\"2026-11-02T11:30:00Z\",\"reason\":\"calibration\",\"from\":\"2026-11-01T00:00:00Z\",\"to\":"
                + "\"2026-11-02T00:00:00Z\",\"classifications\":[],\"correlationIds\":0,\"sample\":50}]");
        assertThat(EvidenceDigest.of(one)).isEqualTo(EvidenceDigest.of(other));
        assertThat(EvidenceDigest.of(one)).isNotEqualTo(EvidenceDigest.of(
                EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), List.of(replay), null)));
    }

    @Test
    void aClosedPeriodCarriesNoCurrentEvaluationAndAnOpenOneSaysWhenItHasNone() {
        EvidencePeriod open = EvidencePeriod.of(null, null, Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), null)
                .get("readinessEvaluations")).isEmpty();
        assertThat(EvidencePack.evidence("claims", open, counts, List.of(), List.of(), null).get("readinessEvaluations")
                .get(0).get("unavailable").asString()).isNotBlank();
        assertThat(open.from()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }

    @Test
    void theDigestDoesNotDependOnTheOrderTheDataWasReadIn() {
        List<VerdictCount> shuffled = new ArrayList<>(counts);
        Collections.reverse(shuffled);
        var decisionA = decision("a", "2026-11-02T12:00:00Z");
        var decisionB = decision("b", "2026-11-02T13:00:00Z");

        ObjectNode one = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(decisionA, decisionB), null);
        ObjectNode other = EvidencePack.evidence("claims", CLOSED, shuffled, List.of(), List.of(decisionB, decisionA), null);

        assertThat(EvidenceDigest.of(other)).isEqualTo(EvidenceDigest.of(one));
    }

    @Test
    void theServedPackSaysWhichSignOffsSignIt() {
        ObjectNode evidence = EvidencePack.evidence("claims", CLOSED, counts, List.of(), List.of(), null);
        String digest = EvidenceDigest.of(evidence);
        var signsIt = new SignOff("1", "claims", digest, null, CLOSED.from(), CLOSED.to(), "auditor", ELEVEN);
        var signsAnother = new SignOff("2", "claims", "0".repeat(64), "n", CLOSED.from(), CLOSED.to(), "admin", ELEVEN);

        ObjectNode pack = EvidencePack.complete(evidence, Instant.parse("2026-12-04T17:00:00Z"), List.of(signsIt, signsAnother));

        assertThat(pack.get("digest").asString()).isEqualTo(digest);
        assertThat(EvidenceDigest.of(pack)).isEqualTo(digest);
        assertThat(pack.get("signOffs").get(0).get("signsThisPack").asBoolean()).isTrue();
        assertThat(pack.get("signOffs").get(1).get("signsThisPack").asBoolean()).isFalse();
    }

    private static AuthorityDecision decision(String id, String at) {
        var json = JsonNodeFactory.instance;
        return new AuthorityDecision(id, "claims", "VALIDATED", json.arrayNode(), "why", "admin", Instant.parse(at), null,
                "SHADOW", json.arrayNode(), json.objectNode().put("ready", true), null);
    }
}
