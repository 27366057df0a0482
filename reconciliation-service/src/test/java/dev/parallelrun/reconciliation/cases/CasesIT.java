package dev.parallelrun.reconciliation.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Divergence cases on the whole service (real PostgreSQL, the shared in-process broker): opened by disagreeing live
 * verdicts as the sink stores them (through the verdict topic, or the verdict store the sink writes with), superseded
 * by a later agreeing verdict, worked through the API under If-Match, one by one or in bulk, with their history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class CasesIT {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "cases");
        String stateDir = Files.createTempDirectory("cases-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerdictStore verdicts;

    @Autowired
    MeterRegistry meters;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void opensOneCaseForEveryDisagreeingLiveVerdictAndNoneForAgreementOrReplays() throws Exception {
        String type = "Opening" + UUID.randomUUID();
        Verdict mismatch = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISMATCH, Severity.HIGH, null);
        Verdict missingShadow = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISSING_SHADOW,
                Severity.HIGH, null);
        Verdict missingLegacy = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISSING_LEGACY,
                Severity.MEDIUM, null);
        Verdict match = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MATCH, Severity.NONE, null);
        Verdict tolerated = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.TOLERATED, Severity.NONE, null);
        Verdict replayed = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISMATCH, Severity.CRITICAL,
                "replay-" + UUID.randomUUID());

        verdicts.saveAll(List.of(mismatch, missingShadow, missingLegacy, match, tolerated, replayed));
        // the same batch again (a redelivery): nothing new, nothing twice
        verdicts.saveAll(List.of(mismatch, missingShadow, missingLegacy, match, tolerated, replayed));

        JsonNode page = get("/api/v1/cases?outcomeType=" + type, "auditor").json();
        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(page.get("items").valueStream().map(c -> c.get("correlationId").asString()))
                .containsExactlyInAnyOrder(mismatch.correlationId(), missingShadow.correlationId(),
                        missingLegacy.correlationId());
        assertThat(page.get("items").valueStream().map(c -> c.get("state").asString())).containsOnly("OPEN");
        JsonNode opened = caseOf(missingShadow.correlationId(), type);
        assertThat(opened.get("classification").asString()).isEqualTo("MISSING_SHADOW");
        assertThat(opened.get("severity").asString()).isEqualTo("HIGH");
        assertThat(opened.get("version").asLong()).isEqualTo(1);
        Response detail = get("/api/v1/cases/" + opened.get("caseId").asString(), "auditor");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.etag()).isEqualTo("\"1\"");
        assertThat(detail.json().get("verdict").get("verdictId").asString()).isEqualTo(missingShadow.verdictId());
        assertThat(detail.json().get("verdict").get("classification").asString()).isEqualTo("MISSING_SHADOW");
        assertThat(detail.json().get("history")).hasSize(1);
        JsonNode entry = detail.json().get("history").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("reconciliation");
        assertThat(entry.get("from").isNull()).isTrue();
        assertThat(entry.get("to").asString()).isEqualTo("OPEN");
        assertThat(entry.get("verdictId").asString()).isEqualTo(missingShadow.verdictId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM divergence_case_history h JOIN divergence_case c "
                + "ON c.case_id = h.case_id WHERE c.outcome_type = ?", Long.class, type)).isEqualTo(3);
    }

    @Test
    void aLaterAgreeingVerdictFromTheVerdictTopicSupersedesTheCaseOnce() throws Exception {
        String correlationId = "corr-" + UUID.randomUUID();
        String type = "Topic" + UUID.randomUUID();
        Verdict missing = verdict(correlationId, type, 1, Classification.MISSING_SHADOW, Severity.HIGH, null);
        Verdict late = verdict(correlationId, type, 2, Classification.MATCH, Severity.NONE, null);

        publish(List.of(missing));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/v1/cases?outcomeType=" + type, "operator").json().get("items")).hasSize(1));
        String caseId = caseOf(correlationId, type).get("caseId").asString();

        // the shadow's outcome arrives after the window: the correlation decides revision 2, which agrees
        publish(List.of(late, missing));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/v1/cases/" + caseId, "auditor").json().get("state").asString())
                        .isEqualTo("SUPERSEDED"));
        JsonNode superseded = get("/api/v1/cases/" + caseId, "auditor").json();
        assertThat(superseded.get("verdictId").asString()).isEqualTo(late.verdictId());
        assertThat(superseded.get("resolvedAt").isNull()).isFalse();
        assertThat(superseded.get("history")).hasSize(2);
        JsonNode entry = superseded.get("history").get(1);
        assertThat(entry.get("actor").asString()).isEqualTo("reconciliation");
        assertThat(entry.get("from").asString()).isEqualTo("OPEN");
        assertThat(entry.get("to").asString()).isEqualTo("SUPERSEDED");
        assertThat(entry.get("verdictId").asString()).isEqualTo(late.verdictId());

        // a superseded case is closed for people
        Response refused = transition(caseId, "\"" + superseded.get("version").asLong() + "\"", "operator",
                "{\"to\": \"ACKNOWLEDGED\", \"note\": \"looking\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aVerdictArrivingAfterTheOneThatSupersedesItOpensNothing() throws Exception {
        String correlationId = "corr-" + UUID.randomUUID();
        String type = "Late" + UUID.randomUUID();
        Verdict first = verdict(correlationId, type, 1, Classification.MISMATCH, Severity.HIGH, null);
        Verdict second = verdict(correlationId, type, 2, Classification.MATCH, Severity.NONE, null);

        verdicts.saveAll(List.of(second));
        verdicts.saveAll(List.of(first));

        assertThat(get("/api/v1/cases?outcomeType=" + type, "auditor").json().get("items")).isEmpty();
    }

    @Test
    void aLaterDisagreeingVerdictUpdatesTheOpenCaseAndReopensAResolvedOne() throws Exception {
        String correlationId = "corr-" + UUID.randomUUID();
        String type = "Update" + UUID.randomUUID();
        verdicts.saveAll(List.of(verdict(correlationId, type, 1, Classification.MISSING_SHADOW, Severity.LOW, null)));
        Verdict worse = verdict(correlationId, type, 2, Classification.MISMATCH, Severity.CRITICAL, null);
        verdicts.saveAll(List.of(worse));

        JsonNode updated = caseOf(correlationId, type);
        String caseId = updated.get("caseId").asString();
        assertThat(updated.get("state").asString()).isEqualTo("OPEN");
        assertThat(updated.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(updated.get("classification").asString()).isEqualTo("MISMATCH");
        assertThat(updated.get("verdictId").asString()).isEqualTo(worse.verdictId());
        assertThat(updated.get("version").asLong()).isEqualTo(2);
        JsonNode history = get("/api/v1/cases/" + caseId, "auditor").json().get("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("from").asString()).isEqualTo("OPEN");
        assertThat(history.get(1).get("to").asString()).isEqualTo("OPEN");
        assertThat(history.get(1).get("verdictId").asString()).isEqualTo(worse.verdictId());

        assertThat(transition(caseId, "\"2\"", "operator", "{\"to\": \"ACKNOWLEDGED\", \"note\": \"mine\"}").status())
                .isEqualTo(200);
        assertThat(transition(caseId, "\"3\"", "operator", "{\"to\": \"RESOLVED\", \"category\": \"NEW_SERVICE_DEFECT\", "
                + "\"note\": \"fixed in 1.4\", \"ticket\": \"CLM-88\"}").status()).isEqualTo(200);
        Verdict again = verdict(correlationId, type, 3, Classification.MISMATCH, Severity.HIGH, null);
        verdicts.saveAll(List.of(again));

        JsonNode reopened = get("/api/v1/cases/" + caseId, "auditor").json();
        assertThat(reopened.get("state").asString()).isEqualTo("OPEN");
        assertThat(reopened.get("category").isNull()).isTrue();
        assertThat(reopened.get("ticket").asString()).isEqualTo("CLM-88");
        assertThat(reopened.get("verdictId").asString()).isEqualTo(again.verdictId());
        assertThat(reopened.get("version").asLong()).isEqualTo(5);
        assertThat(reopened.get("history").get(4).get("from").asString()).isEqualTo("RESOLVED");
        assertThat(reopened.get("history").get(4).get("actor").asString()).isEqualTo("reconciliation");
        // the person who read version 4 decides on what is no longer there
        assertThat(transition(caseId, "\"4\"", "operator", "{\"to\": \"ACKNOWLEDGED\", \"note\": \"x\"}").status())
                .isEqualTo(412);
    }

    @Test
    void transitionsNeedIfMatchALegalMoveACategoryAndAnOperator() throws Exception {
        String correlationId = "corr-" + UUID.randomUUID();
        String type = "Work" + UUID.randomUUID();
        Verdict mismatch = verdict(correlationId, type, 1, Classification.MISMATCH, Severity.MEDIUM, null);
        verdicts.saveAll(List.of(mismatch));
        String caseId = caseOf(correlationId, type).get("caseId").asString();
        String acknowledge = "{\"to\": \"ACKNOWLEDGED\", \"note\": \"looking into it\", \"assignee\": \"operator\"}";

        Response noIfMatch = transition(caseId, null, "operator", acknowledge);
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(noIfMatch.contentType()).startsWith("application/problem+json");
        assertThat(noIfMatch.json().get("type").asString()).isEqualTo("urn:parallelrun:problem:case-version-required");
        Response stale = transition(caseId, "\"7\"", "operator", acknowledge);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(transition(caseId, "\"1\"", "auditor", acknowledge).status()).isEqualTo(403);
        assertThat(transition(caseId, "\"1\"", "operator", "{\"to\": \"RESOLVED\", \"category\": \"LEGACY_DEFECT\", "
                + "\"note\": \"skip\"}").status()).as("OPEN -> RESOLVED skips acknowledging").isEqualTo(409);

        Response acknowledged = transition(caseId, "\"1\"", "operator", acknowledge);
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.etag()).isEqualTo("\"2\"");
        assertThat(acknowledged.json().get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.json().get("assignee").asString()).isEqualTo("operator");
        assertThat(transition(caseId, "\"1\"", "operator", acknowledge).status()).as("the old version").isEqualTo(412);

        Response noCategory = transition(caseId, "\"2\"", "operator", "{\"to\": \"RESOLVED\", \"note\": \"done\"}");
        assertThat(noCategory.status()).isEqualTo(422);
        assertThat(noCategory.json().get("field").asString()).isEqualTo("category");
        Response noVariance = transition(caseId, "\"2\"", "operator",
                "{\"to\": \"RESOLVED\", \"category\": \"ACCEPTED_VARIANCE\", \"note\": \"fine\"}");
        assertThat(noVariance.status()).isEqualTo(422);
        assertThat(noVariance.json().get("field").asString()).isEqualTo("variance");
        assertThat(transition(caseId, "\"2\"", "operator", "{\"to\": \"CLOSED\", \"note\": \"x\"}").status())
                .isEqualTo(422);

        Response resolved = transition(caseId, "W/\"2\"", "admin", "{\"to\": \"RESOLVED\", \"category\": "
                + "\"ACCEPTED_VARIANCE\", \"variance\": \"new-engine-rounds-net\", \"note\": \"Finance accepts the "
                + "new rounding.\", \"ticket\": \"FIN-12\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.etag()).isEqualTo("\"3\"");
        JsonNode body = resolved.json();
        assertThat(body.get("state").asString()).isEqualTo("RESOLVED");
        assertThat(body.get("category").asString()).isEqualTo("ACCEPTED_VARIANCE");
        assertThat(body.get("variance").asString()).isEqualTo("new-engine-rounds-net");
        assertThat(body.get("proposedRuleSetSnippet").asString()).isEqualTo("""
                outcomeTypes:
                  "%s":
                    variances:
                      - id: "new-engine-rounds-net"
                        paths: ["/net", "/lines/0/price"]
                        reason: "Finance accepts the new rounding."
                        reference: "FIN-12"
                """.formatted(type));
        assertThat(body.get("verdict").get("differences")).hasSize(2);
        JsonNode history = get("/api/v1/cases/" + caseId, "auditor").json().get("history");
        assertThat(history.valueStream().map(e -> e.get("actor").asString() + ":" + e.get("to").asString()))
                .containsExactly("reconciliation:OPEN", "operator:ACKNOWLEDGED", "admin:RESOLVED");
        assertThat(history.get(2).get("note").asString()).isEqualTo("Finance accepts the new rounding.");
        assertThat(history.get(2).get("category").asString()).isEqualTo("ACCEPTED_VARIANCE");
        assertThat(history.get(2).get("ticket").asString()).isEqualTo("FIN-12");

        assertThat(get("/api/v1/cases/" + UUID.randomUUID(), "auditor").status()).isEqualTo(404);
        assertThat(get("/api/v1/cases/" + caseId, null).status()).isEqualTo(401);
    }

    @Test
    void bulkTransitionsDryRunRefuseBeyondTheirCapAndChangeEveryCaseInOneGo() throws Exception {
        String type = "Bulk" + UUID.randomUUID();
        List<Verdict> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISMATCH, Severity.LOW, null));
        }
        verdicts.saveAll(batch);
        String filter = "{\"outcomeType\": \"" + type + "\", \"state\": \"OPEN\"}";

        Response dryRun = bulk("{\"filter\": " + filter + ", \"to\": \"ACKNOWLEDGED\", \"note\": \"triage\", "
                + "\"dryRun\": true, \"max\": 1}", "operator");
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().get("matched").asLong()).isEqualTo(3);
        assertThat(dryRun.json().get("changed").asLong()).isEqualTo(3);
        assertThat(states(type)).containsOnly("OPEN");

        Response capped = bulk("{\"filter\": " + filter + ", \"to\": \"ACKNOWLEDGED\", \"note\": \"triage\", "
                + "\"dryRun\": false, \"max\": 2}", "operator");
        assertThat(capped.status()).isEqualTo(422);
        assertThat(capped.json().get("matched").asLong()).isEqualTo(3);
        assertThat(states(type)).containsOnly("OPEN");
        assertThat(bulk("{\"filter\": " + filter + ", \"to\": \"ACKNOWLEDGED\", \"note\": \"triage\", \"max\": 5}",
                "auditor").status()).isEqualTo(403);
        assertThat(bulk("{\"filter\": {\"outcomeType\": \"" + type + "\"}, \"to\": \"RESOLVED\", \"note\": \"x\", "
                + "\"max\": 5}", "operator").json().get("field").asString()).isEqualTo("category");

        Response changed = bulk("{\"filter\": " + filter + ", \"to\": \"ACKNOWLEDGED\", \"note\": \"triage\", "
                + "\"max\": 3}", "operator");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("matched").asLong()).isEqualTo(3);
        assertThat(changed.json().get("changed").asLong()).isEqualTo(3);
        assertThat(states(type)).hasSize(3).containsOnly("ACKNOWLEDGED");
        assertThat(jdbc.queryForList("SELECT h.actor || ':' || h.to_state || ':' || h.note FROM divergence_case_history h "
                + "JOIN divergence_case c ON c.case_id = h.case_id WHERE c.outcome_type = ? AND h.from_state IS NOT NULL",
                String.class, type)).hasSize(3).containsOnly("operator:ACKNOWLEDGED:triage");

        // only the cases that may move are changed; the rest stay
        Response resolveAll = bulk("{\"filter\": {\"outcomeType\": \"" + type + "\"}, \"to\": \"OPEN\", "
                + "\"note\": \"back\", \"max\": 3}", "admin");
        assertThat(resolveAll.json().get("changed").asLong()).isEqualTo(3);
        assertThat(bulk("{\"filter\": {\"outcomeType\": \"" + type + "\"}, \"to\": \"RESOLVED\", \"category\": "
                + "\"UPSTREAM_DATA\", \"note\": \"x\", \"max\": 3}", "admin").json().get("changed").asLong())
                .as("OPEN cannot be resolved").isZero();
    }

    @Test
    void listsNewestFirstWithFiltersAndKeysetPaging() throws Exception {
        String type = "Paging" + UUID.randomUUID();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Verdict v = verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISMATCH,
                    i == 0 ? Severity.CRITICAL : Severity.LOW, null);
            verdicts.saveAll(List.of(v));
            opened.add(v.correlationId());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/cases?outcomeType=" + type + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), "auditor").json();
            page.get("items").forEach(c -> seen.add(c.get("correlationId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(opened);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        assertThat(get("/api/v1/cases?outcomeType=" + type + "&severity=CRITICAL", "auditor").json().get("items"))
                .singleElement().satisfies(c -> assertThat(c.get("correlationId").asString()).isEqualTo(opened.get(0)));
        assertThat(get("/api/v1/cases?outcomeType=" + type + "&state=RESOLVED", "auditor").json().get("items")).isEmpty();
        assertThat(get("/api/v1/cases?outcomeType=" + type + "&context=pricing", "auditor").json().get("items")).isEmpty();
        assertThat(get("/api/v1/cases?outcomeType=" + type + "&assignee=nobody", "auditor").json().get("items")).isEmpty();
        assertThat(get("/api/v1/cases?state=CLOSED", "auditor").status()).isEqualTo(400);
        assertThat(get("/api/v1/cases?cursor=not-a-cursor", "auditor").status()).isEqualTo(400);
        assertThat(get("/api/v1/cases?limit=0", "auditor").status()).isEqualTo(400);
    }

    @Test
    void countsCasesAsGaugesWithEverySeriesFromTheStartAndKeepsTheHistoryAppendOnly() throws Exception {
        String type = "Gauge" + UUID.randomUUID();
        verdicts.saveAll(List.of(verdict("corr-" + UUID.randomUUID(), type, 1, Classification.MISMATCH, Severity.LOW,
                null)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Long open = jdbc.queryForObject("SELECT count(*) FROM divergence_case WHERE context = 'claims' "
                    + "AND state = 'OPEN'", Long.class);
            assertThat(meters.get("parallelrun.cases").tags("context", "claims", "state", "OPEN", "category", "none")
                    .gauge().value()).isEqualTo(open.doubleValue());
            assertThat(meters.get("parallelrun.cases.oldest.open.age.seconds").tag("context", "claims").gauge().value())
                    .isPositive();
        });
        assertThat(meters.get("parallelrun.cases").tags("context", "pricing", "state", "RESOLVED", "category",
                "BOUNDARY_WRONG").gauge().value()).isZero();
        assertThat(meters.get("parallelrun.cases.oldest.open.age.seconds").tag("context", "pricing").gauge().value())
                .isZero();

        assertThatThrownBy(() -> jdbc.update("UPDATE divergence_case_history SET note = 'rewritten'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM divergence_case_history")).hasMessageContaining("append-only");
    }

    private List<String> states(String type) {
        return jdbc.queryForList("SELECT state FROM divergence_case WHERE outcome_type = ?", String.class, type);
    }

    private JsonNode caseOf(String correlationId, String type) throws Exception {
        for (JsonNode c : get("/api/v1/cases?outcomeType=" + type + "&limit=500", "auditor").json().get("items")) {
            if (c.get("correlationId").asString().equals(correlationId)) {
                return c;
            }
        }
        throw new AssertionError("no case for " + correlationId);
    }

    /** Revision {@code revision} of a claims pair, decided {@code revision} seconds after the start. */
    private Verdict verdict(String correlationId, String type, int revision, Classification classification,
            Severity severity, String replayId) {
        Instant at = START.plusSeconds(revision);
        JsonNode legacy = codec.tree(Map.of("net", 976.19, "lines", List.of(Map.of("price", 10.05))));
        JsonNode shadow = codec.tree(Map.of("net", 976.18, "lines", List.of(Map.of("price", 10.04))));
        List<Difference> differences = classification == Classification.MISMATCH
                ? List.of(new Difference("/net", codec.tree(976.19), codec.tree(976.18), "exact", false, severity),
                        new Difference("/lines/0/price", codec.tree(10.05), codec.tree(10.04), "exact", false, severity))
                : List.of();
        return new Verdict(UUID.nameUUIDFromBytes((correlationId + "|" + type + "|" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString(), revision, null, correlationId, "claims", type,
                classification, severity, differences, "structural-1", at.minusSeconds(1), at.minusSeconds(1), at,
                "legacy-" + correlationId, "shadow-" + correlationId, legacy, shadow, replayId);
    }

    private void publish(List<Verdict> batch) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (Verdict verdict : batch) {
                CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, "urn:test:verdicts",
                        verdict.decidedAt(), verdict.correlationId(), verdict.context(), codec.tree(verdict));
                producer.send(new ProducerRecord<>(Topics.VERDICTS, verdict.correlationId(), codec.write(event)));
            }
            producer.flush();
        }
    }

    private Response get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    private Response transition(String caseId, String ifMatch, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/cases/" + caseId + "/transitions"))
                .header("Content-Type", "application/json").header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    private Response bulk(String body, String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases/bulk-transitions"))
                .header("Content-Type", "application/json").header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("ETag").orElse(null), response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String contentType, String etag, String body) {
        JsonNode json() {
            return EventCodec.standard().mapper().readTree(body);
        }
    }
}
