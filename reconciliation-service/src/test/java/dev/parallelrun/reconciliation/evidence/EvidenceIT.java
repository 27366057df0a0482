package dev.parallelrun.reconciliation.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.evidence.domain.EvidenceDigest;
import dev.parallelrun.reconciliation.readiness.ReadinessEvaluator;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence API on the whole service (real PostgreSQL, the shared in-process broker): a closed period's pack keeps
 * its digest until its data changes, the HTML report escapes what it shows, and only the digest of the pack as it is
 * now can be signed, by an auditor or an admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import({UpstreamTopics.class, EvidenceIT.FixedReadiness.class})
@ExtendWith(OutputCaptureExtension.class)
class EvidenceIT {

    /** The authority feature's table (its migration V5), as this test needs it when that migration is absent. */
    private static final String AUTHORITY_DECISION = """
            CREATE TABLE IF NOT EXISTS authority_decision (decision_id uuid PRIMARY KEY, context text NOT NULL,
            stage text NOT NULL, cohorts jsonb NOT NULL, reason text NOT NULL, decided_by text NOT NULL,
            decided_at timestamptz NOT NULL, previous_decision_id uuid NULL, previous_stage text NOT NULL,
            previous_cohorts jsonb NOT NULL, readiness jsonb NOT NULL, override_reason text NULL,
            published_at timestamptz NULL)""";
    private static final Instant CURRENT_EVALUATION = Instant.parse("2026-12-01T09:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "evidence");
        String stateDir = Files.createTempDirectory("evidence-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    /** A readiness evaluator that always reports the same: primary, so that it wins over the service's own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedReadiness {
        @Bean
        @Primary
        ReadinessEvaluator fixedReadinessEvaluator() {
            return (context, cohorts) -> new ReadinessReport(context, false, CURRENT_EVALUATION,
                    List.of(new ReadinessReport.Criterion("matchRate:ClaimAssessed", ">= 0.98", "0.5 (1 agree, 1 disagree)",
                            false)));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerdictStore verdicts;

    @Autowired
    RuleSetStore ruleSets;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void authorityDecisionTable() {
        jdbc.execute(AUTHORITY_DECISION);
    }

    @Test
    void aClosedPeriodsPackKeepsItsDigestUntilAVerdictOfThePeriodChanges(CapturedOutput output) throws Exception {
        String from = "2026-11-02T00:00:00Z";
        String to = "2026-11-03T00:00:00Z";
        String path = "/api/v1/evidence/claims?from=" + from + "&to=" + to;
        storeVerdict("2026-11-02T10:05:00Z", "ClaimAssessed", Classification.MATCH, Severity.NONE);
        storeVerdict("2026-11-02T10:15:00Z", "ClaimAssessed", Classification.MISMATCH, Severity.CRITICAL);
        storeVerdict("2026-11-02T10:25:00Z", "ClaimAssessed", Classification.EXPECTED_DIFFERENCE, Severity.NONE);
        storeVerdict("2026-11-02T11:05:00Z", "PaymentDecided", Classification.FAILED, Severity.NONE);
        storeDecision("2026-11-02T12:00:00Z", "promote after a week of evidence");

        Response first = get(path, "auditor", "application/json");
        Response second = get(path, "operator", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        String digest = first.json().get("digest").asString();
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(second.json().get("digest").asString()).isEqualTo(digest);
        assertThat(recomputedDigest(first.json())).as("anyone can recompute the digest from the JSON").isEqualTo(digest);

        JsonNode pack = first.json();
        assertThat(pack.get("period").get("open").asBoolean()).isFalse();
        assertThat(pack.get("matchRateByHour")).hasSize(2);
        JsonNode tenOClock = pack.get("matchRateByHour").get(0);
        assertThat(tenOClock.get("hour").asString()).isEqualTo("2026-11-02T10:00:00Z");
        assertThat(tenOClock.get("outcomeType").asString()).isEqualTo("ClaimAssessed");
        assertThat(tenOClock.get("agree").asLong()).isEqualTo(2);
        assertThat(tenOClock.get("disagree").asLong()).isEqualTo(1);
        assertThat(tenOClock.get("matchRate").asDouble()).isEqualTo(2.0 / 3);
        JsonNode elevenOClock = pack.get("matchRateByHour").get(1);
        assertThat(elevenOClock.get("excluded").asLong()).isEqualTo(1);
        assertThat(elevenOClock.get("matchRate").isNull()).as("nothing counts toward it").isTrue();
        assertThat(pack.get("classificationSeverityCounts").toString())
                .contains("{\"classification\":\"MISMATCH\",\"severity\":\"CRITICAL\",\"count\":1}");
        assertThat(pack.get("casesAvailable").asBoolean()).isTrue();
        assertThat(pack.get("casesByStateAndCategory"))
                .as("the CRITICAL mismatch's case was opened when it was stored, after the period's end").isEmpty();
        assertThat(pack.get("authorityDecisions")).hasSize(1);
        assertThat(pack.get("authorityDecisions").get(0).get("stage").asString()).isEqualTo("VALIDATED");
        assertThat(pack.get("readinessEvaluations")).as("a closed period: the decisions' snapshots, no current one")
                .hasSize(1);
        assertThat(pack.get("readinessEvaluations").get(0).get("basis").asString()).isEqualTo("decision");
        assertThat(pack.get("readinessEvaluations").get(0).get("report").get("ready").asBoolean()).isTrue();
        JsonNode ruleSet = pack.get("ruleSets").get(0);
        assertThat(ruleSet.get("version").asString()).isEqualTo(claimsRuleSet());
        assertThat(ruleSet.get("acceptedVariances").get(0).get("id").asString())
                .isEqualTo("fraud-model-v2-granular-reasons");
        assertThat(ruleSet.get("acceptedVariances").get(0).get("reference").asString())
                .isEqualTo("docs/claims-domain.md#risk-score");
        assertThat(output).contains("evidence pack read: user=auditor context=claims from=2026-11-02T00:00:00Z");

        storeVerdict("2026-11-03T00:00:00Z", "ClaimAssessed", Classification.MISMATCH, Severity.HIGH);
        assertThat(get(path, "auditor", null).json().get("digest").asString())
                .as("a verdict after the period changes nothing in it").isEqualTo(digest);

        storeVerdict("2026-11-02T23:59:59Z", "ClaimAssessed", Classification.MATCH, Severity.NONE);
        assertThat(get(path, "auditor", null).json().get("digest").asString())
                .as("a verdict in the period changes the evidence").isNotEqualTo(digest);
    }

    @Test
    void countsThePeriodsCasesByTheirStateAtItsEndFromTheirHistory() throws Exception {
        String path = "/api/v1/evidence/pricing?from=2026-10-05T00:00:00Z&to=2026-10-06T00:00:00Z";
        String acknowledgedInPeriod = storeCase("pricing", "2026-10-04T10:00:00Z");
        history(acknowledgedInPeriod, "2026-10-05T09:00:00Z", "OPEN", "ACKNOWLEDGED", null);
        String resolvedInPeriod = storeCase("pricing", "2026-10-05T10:00:00Z");
        history(resolvedInPeriod, "2026-10-05T11:00:00Z", "OPEN", "ACKNOWLEDGED", null);
        history(resolvedInPeriod, "2026-10-05T12:00:00Z", "ACKNOWLEDGED", "RESOLVED", "LEGACY_DEFECT");
        String supersededBefore = storeCase("pricing", "2026-10-03T10:00:00Z");
        history(supersededBefore, "2026-10-04T10:00:00Z", "OPEN", "SUPERSEDED", null);
        storeCase("pricing", "2026-10-04T12:00:00Z");
        storeCase("pricing", "2026-10-07T12:00:00Z");
        // another context's case (closed long before the other tests' periods, so it is in none of their packs)
        String otherContext = storeCase("claims", "2026-10-05T12:00:00Z");
        history(otherContext, "2026-10-05T13:00:00Z", "OPEN", "SUPERSEDED", null);

        JsonNode pack = get(path, "auditor", "application/json").json();

        assertThat(pack.get("casesAvailable").asBoolean()).isTrue();
        assertThat(pack.get("casesByStateAndCategory").toString()).isEqualTo("[{\"state\":\"ACKNOWLEDGED\","
                + "\"category\":null,\"count\":1},{\"state\":\"OPEN\",\"category\":null,\"count\":1},"
                + "{\"state\":\"RESOLVED\",\"category\":\"LEGACY_DEFECT\",\"count\":1}]");
        String digest = pack.get("digest").asString();

        // work on the cases after the period's end changes neither its counts nor its digest
        history(resolvedInPeriod, Instant.now().toString(), "RESOLVED", "OPEN", null);
        history(acknowledgedInPeriod, Instant.now().toString(), "ACKNOWLEDGED", "RESOLVED", "UPSTREAM_DATA");
        assertThat(get(path, "operator", "application/json").json().get("digest").asString()).isEqualTo(digest);
    }

    @Test
    void servesAPrintableHtmlReportThatEscapesEveryValue() throws Exception {
        storeVerdict("2026-11-06T08:30:00Z", "ClaimAssessed", Classification.MATCH, Severity.NONE);
        storeDecision("2026-11-06T09:00:00Z", "<script>alert('pwned')</script>");
        String path = "/api/v1/evidence/claims?from=2026-11-06T00:00:00Z&to=2026-11-07T00:00:00Z";

        Response report = get(path, "auditor", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html");
        assertThat(report.body())
                .contains("<h2>Readiness evaluations</h2>", "<h2>Hourly match rate per outcome type</h2>",
                        "<h2>Verdicts by classification and severity</h2>", "<h2>Divergence cases by state and category</h2>",
                        "<h2>Rule sets in force and their accepted variances</h2>", "<h2>Authority decisions</h2>",
                        "<h2>Sign-offs of this context's packs</h2>", "@media print", "fraud-model-v2-granular-reasons")
                .contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;")
                .doesNotContain("<script");
        assertThat(report.body()).contains(get(path, "auditor", null).json().get("digest").asString());
    }

    @Test
    void anOpenPeriodsPackCarriesTheCurrentReadinessEvaluation() throws Exception {
        Response pack = get("/api/v1/evidence/claims", "admin", null);

        assertThat(pack.status()).isEqualTo(200);
        assertThat(pack.json().get("period").get("open").asBoolean()).isTrue();
        JsonNode current = pack.json().get("readinessEvaluations").get(pack.json().get("readinessEvaluations").size() - 1);
        assertThat(current.get("basis").asString()).isEqualTo("current");
        assertThat(current.get("report").get("evaluatedAt").asString()).isEqualTo(CURRENT_EVALUATION.toString());
        assertThat(current.get("report").get("criteria").get(0).get("met").asBoolean()).isFalse();
    }

    @Test
    void answersProblemsForBadPeriodsAndUnknownContexts() throws Exception {
        Response reversed = get("/api/v1/evidence/claims?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z", "auditor", null);
        Response badInstant = get("/api/v1/evidence/claims?from=yesterday", "auditor", null);
        Response unknown = get("/api/v1/evidence/no-such-context", "auditor", null);
        Response unknownFromABrowser = get("/api/v1/evidence/no-such-context", "auditor", "text/html");
        Response unknownSignOffs = get("/api/v1/evidence/no-such-context/sign-offs", "auditor", null);

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(reversed.json().get("parameter").asString()).isEqualTo("from");
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.json().get("parameter").asString()).isEqualTo("from");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("title").asString()).isEqualTo("Unknown context");
        assertThat(unknownFromABrowser.status()).isEqualTo(404);
        assertThat(unknownSignOffs.status()).isEqualTo(404);
    }

    @Test
    void signsOnlyTheDigestOfThePackAsItIsNowAndOnlyAsAuditorOrAdmin() throws Exception {
        String from = "2026-11-10T00:00:00Z";
        String to = "2026-11-11T00:00:00Z";
        String path = "/api/v1/evidence/claims?from=" + from + "&to=" + to;
        storeVerdict("2026-11-10T14:00:00Z", "ClaimAssessed", Classification.MATCH, Severity.NONE);
        String digest = get(path, "auditor", null).json().get("digest").asString();

        Response anonymous = post(signOff(digest, from, to), null);
        Response operator = post(signOff(digest, from, to), "operator");
        Response malformed = post(signOff("not-a-digest", from, to), "auditor");
        Response wrong = post(signOff("0".repeat(64), from, to), "auditor");
        Response open = post(signOff(digest, Instant.now().minus(Duration.ofDays(1)).toString(),
                Instant.now().plus(Duration.ofHours(1)).toString()), "auditor");
        Response signed = post(signOff(digest, from, to), "auditor");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(operator.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("member").asString()).isEqualTo("digest");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().get("detail").asString()).startsWith("digest does not match the current pack");
        assertThat(open.status()).isEqualTo(422);
        assertThat(open.json().get("member").asString()).isEqualTo("to");
        assertThat(signed.status()).isEqualTo(201);
        assertThat(signed.json().get("digest").asString()).isEqualTo(digest);
        assertThat(signed.json().get("signedBy").asString()).isEqualTo("auditor");
        assertThat(signed.json().get("from").asString()).isEqualTo(from);
        assertThat(signed.json().get("to").asString()).isEqualTo(to);
        assertThat(signed.json().get("note").asString()).isEqualTo("checked, fit for cutover");
        assertThat(signed.json().get("signOffId").asString()).isNotBlank();

        JsonNode list = get("/api/v1/evidence/claims/sign-offs", "operator", null).json();
        assertThat(list.get("items")).anySatisfy(item ->
                assertThat(item.get("signOffId").asString()).isEqualTo(signed.json().get("signOffId").asString()));
        JsonNode pack = get(path, "auditor", null).json();
        assertThat(pack.get("digest").asString()).as("a sign-off does not change the pack it signs").isEqualTo(digest);
        assertThat(pack.get("signOffs")).anySatisfy(item -> assertThat(item.get("signsThisPack").asBoolean()).isTrue());

        storeVerdict("2026-11-10T15:00:00Z", "ClaimAssessed", Classification.MISMATCH, Severity.HIGH);
        assertThat(post(signOff(digest, from, to), "admin").status()).as("the pack changed since it was read")
                .isEqualTo(409);
    }

    @Test
    void keepsSignOffsAppendOnly() throws Exception {
        String from = "2026-11-12T00:00:00Z";
        String to = "2026-11-13T00:00:00Z";
        String digest = get("/api/v1/evidence/claims?from=" + from + "&to=" + to, "admin", null).json().get("digest")
                .asString();
        String id = post(signOff(digest, from, to), "admin").json().get("signOffId").asString();

        assertThatThrownBy(() -> jdbc.update("UPDATE evidence_sign_off SET note = 'changed' WHERE sign_off_id = ?::uuid", id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM evidence_sign_off WHERE sign_off_id = ?::uuid", id))
                .hasMessageContaining("append-only");
    }

    private String recomputedDigest(JsonNode pack) {
        return EvidenceDigest.of((ObjectNode) codec.mapper().readTree(pack.toString()));
    }

    private String claimsRuleSet() {
        return ruleSets.findAll().stream().filter(r -> r.context().equals("claims")).findFirst().orElseThrow().version();
    }

    private void storeVerdict(String decidedAt, String outcomeType, Classification classification, Severity severity) {
        Instant at = Instant.parse(decidedAt);
        String correlationId = UUID.randomUUID().toString();
        JsonNode outcome = codec.tree(Map.of("claimId", "CLM-1001"));
        verdicts.saveAll(List.of(new Verdict(UUID.randomUUID().toString(), 1, null, correlationId, "claims", outcomeType,
                classification, severity, List.of(), claimsRuleSet(), at.minusSeconds(2), at.minusSeconds(1), at,
                "legacy-" + correlationId, "shadow-" + correlationId, outcome, outcome, null)));
    }

    /** A case opened at the instant (its first history entry); its row's state is where later work left it. */
    private String storeCase(String context, String openedAt) {
        String caseId = UUID.randomUUID().toString();
        String verdictId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO divergence_case (case_id, correlation_id, context, outcome_type, state, severity, "
                + "classification, verdict_id, opened_at, updated_at, version) VALUES (?::uuid, ?, ?, 'ClaimAssessed', "
                + "'OPEN', 'HIGH', 'MISMATCH', ?::uuid, ?::timestamptz, ?::timestamptz, 1)", caseId,
                "corr-" + caseId, context, verdictId, openedAt, openedAt);
        jdbc.update("INSERT INTO divergence_case_history (case_id, at, actor, from_state, to_state, verdict_id) "
                + "VALUES (?::uuid, ?::timestamptz, 'reconciliation', NULL, 'OPEN', ?::uuid)", caseId, openedAt, verdictId);
        return caseId;
    }

    private void history(String caseId, String at, String from, String to, String category) {
        jdbc.update("INSERT INTO divergence_case_history (case_id, at, actor, from_state, to_state, category, note, "
                + "verdict_id) SELECT case_id, ?::timestamptz, 'operator', ?, ?, ?, 'worked', verdict_id "
                + "FROM divergence_case WHERE case_id = ?::uuid", at, from, to, category, caseId);
    }

    private void storeDecision(String decidedAt, String reason) {
        String readiness = "{\"context\":\"claims\",\"ready\":true,\"evaluatedAt\":\"" + decidedAt + "\",\"criteria\":"
                + "[{\"name\":\"matchRate:ClaimAssessed\",\"required\":\">= 0.98\",\"actual\":\"0.99\",\"met\":true}]}";
        jdbc.update("INSERT INTO authority_decision (decision_id, context, stage, cohorts, reason, decided_by, decided_at, "
                + "previous_decision_id, previous_stage, previous_cohorts, readiness, override_reason, published_at) "
                + "VALUES (?, 'claims', 'VALIDATED', '[]'::jsonb, ?, 'admin', ?::timestamptz, NULL, 'SHADOW', '[]'::jsonb, "
                + "?::jsonb, NULL, now())", UUID.randomUUID(), reason, decidedAt, readiness);
    }

    private static String signOff(String digest, String from, String to) {
        return "{\"digest\":\"" + digest + "\",\"note\":\"checked, fit for cutover\",\"from\":\"" + from + "\",\"to\":\""
                + to + "\"}";
    }

    private Response get(String path, String user, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    private Response post(String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/evidence/claims/sign-offs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String contentType, String body) {
        JsonNode json() {
            return EventCodec.standard().mapper().readTree(body);
        }
    }
}
