package dev.parallelrun.reconciliation.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.readiness.StoredVerdicts;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * Moving the claims context's authority through the HTTP API as an admin, against a real PostgreSQL and Kafka:
 * every stage, a refused and an overridden promotion, a rollback, the history, {@code resolve} at past instants and
 * the compacted decision topic. Readiness thresholds: {@code test-rules/authority/claims.yml}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.rules.locations=classpath:test-rules/authority/",
        "reconciliation.authority.relay-interval=1s"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorityIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "authority");
        String stateDir = Files.createTempDirectory("authority-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerdictStore verdicts;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void movesAContextThroughEveryStageAndBackWithAnAuditableHistory() throws Exception {
        JsonNode before = single(get("/api/v1/authority", "auditor").body(), "claims");
        assertThat(before.propertyNames()).containsExactlyInAnyOrder("context", "stage", "cohorts", "decisionId", "decidedAt");
        assertThat(before.get("stage").asString()).isEqualTo("SHADOW");
        assertThat(before.get("cohorts")).isEmpty();
        assertThat(before.get("decisionId").isNull()).isTrue();

        // not ready (no verdicts): refused without an override, with the readiness report
        Response refused = post("claims", "{\"stage\": \"VALIDATED\", \"reason\": \"start validating\"}", "admin");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("readiness").get("ready").asBoolean()).isFalse();
        assertThat(refused.body().get("readiness").get("criteria")).isNotEmpty();

        Response validated = post("claims", "{\"stage\": \"VALIDATED\", \"reason\": \"start validating\", "
                + "\"overrideReadiness\": \"volume is low on purpose: the pilot runs on a sample\"}", "admin");
        assertThat(validated.status()).as(validated.text()).isEqualTo(201);
        JsonNode first = validated.body();
        assertThat(validated.location()).isEqualTo("/api/v1/authority/claims/decisions/" + first.get("decisionId").asString());
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("decisionId", "context", "stage", "cohorts", "reason",
                "decidedBy", "decidedAt", "previous", "readiness", "override");
        assertThat(first.get("previous").propertyNames()).containsExactlyInAnyOrder("decisionId", "stage", "cohorts");
        assertThat(first.get("readiness").propertyNames()).containsExactlyInAnyOrder("context", "ready", "evaluatedAt",
                "criteria");
        assertThat(first.get("context").asString()).isEqualTo("claims");
        assertThat(first.get("stage").asString()).isEqualTo("VALIDATED");
        assertThat(first.get("cohorts")).isEmpty();
        assertThat(first.get("reason").asString()).isEqualTo("start validating");
        assertThat(first.get("decidedBy").asString()).isEqualTo("admin");
        assertThat(first.get("override").asString()).isEqualTo("volume is low on purpose: the pilot runs on a sample");
        assertThat(first.get("previous").get("decisionId").isNull()).isTrue();
        assertThat(first.get("previous").get("stage").asString()).isEqualTo("SHADOW");
        assertThat(first.get("readiness").get("ready").asBoolean()).isFalse();
        assertThat(first.get("readiness").get("context").asString()).isEqualTo("claims");

        // skipping SELECTIVE is refused
        assertThat(post("claims", "{\"stage\": \"FULL\", \"reason\": \"hurry\"}", "admin").status()).isEqualTo(409);

        // ready: enough matching verdicts every hour, two of them in motor/DE
        new StoredVerdicts(jdbc).matchesEveryHour(1, "motor", "DE");
        Response selective = post("claims", "{\"stage\": \"SELECTIVE\", \"cohorts\": [{\"productLine\": \"motor\", "
                + "\"region\": \"DE\"}], \"reason\": \"motor in Germany first\"}", "admin");
        assertThat(selective.status()).as(selective.text()).isEqualTo(201);
        JsonNode second = selective.body();
        assertThat(second.get("override").isNull()).isTrue();
        assertThat(second.get("readiness").get("ready").asBoolean()).isTrue();
        assertThat(second.get("readiness").get("criteria")).anySatisfy(c -> assertThat(c.get("name").asString())
                .isEqualTo("cohortCovered:productLine=motor,region=DE:ClaimAssessed"));
        assertThat(second.get("cohorts")).singleElement().satisfies(cohort -> {
            assertThat(cohort.get("productLine").asString()).isEqualTo("motor");
            assertThat(cohort.get("region").asString()).isEqualTo("DE");
            assertThat(cohort.has("channel")).isFalse();
        });
        assertThat(second.get("previous").get("decisionId").asString()).isEqualTo(first.get("decisionId").asString());
        assertThat(second.get("previous").get("stage").asString()).isEqualTo("VALIDATED");

        Response full = post("claims", "{\"stage\": \"FULL\", \"reason\": \"every cohort\"}", "admin");
        assertThat(full.status()).as(full.text()).isEqualTo(201);
        JsonNode third = full.body();
        assertThat(third.get("previous").get("cohorts")).hasSize(1);

        // a critical divergence: not ready any more, but a rollback needs no readiness
        verdicts.saveAll(List.of(StoredVerdicts.live("corr-" + UUID.randomUUID(), "PaymentDecided", 1,
                Classification.MISMATCH, Severity.CRITICAL)));
        Response rollback = post("claims", "{\"stage\": \"SHADOW\", \"reason\": \"critical payment divergence\"}", "admin");
        assertThat(rollback.status()).as(rollback.text()).isEqualTo(201);
        JsonNode fourth = rollback.body();
        assertThat(fourth.get("readiness").get("ready").asBoolean()).isFalse();
        assertThat(fourth.get("override").isNull()).isTrue();
        assertThat(fourth.get("previous").get("stage").asString()).isEqualTo("FULL");

        List<JsonNode> decisions = List.of(first, second, third, fourth);
        JsonNode history = get("/api/v1/authority/claims/decisions", "operator").body();
        assertThat(history).extracting(d -> d.get("decisionId").asString()).containsExactly(
                fourth.get("decisionId").asString(), third.get("decisionId").asString(),
                second.get("decisionId").asString(), first.get("decisionId").asString());
        assertThat(history.get(3).get("override").asString()).startsWith("volume is low");
        assertThat(get("/api/v1/authority/claims/decisions/" + second.get("decisionId").asString(), "auditor").body()
                .get("stage").asString()).isEqualTo("SELECTIVE");

        JsonNode now = single(get("/api/v1/authority", "auditor").body(), "claims");
        assertThat(now.get("stage").asString()).isEqualTo("SHADOW");
        assertThat(now.get("decisionId").asString()).isEqualTo(fourth.get("decisionId").asString());

        // who was authoritative when
        Instant validatedAt = Instant.parse(first.get("decidedAt").asString());
        Instant selectiveAt = Instant.parse(second.get("decidedAt").asString());
        Instant fullAt = Instant.parse(third.get("decidedAt").asString());
        assertThat(resolve(validatedAt.minus(1, ChronoUnit.MICROS), "motor", "DE")).isEqualTo(List.of("legacy", "null"));
        assertThat(resolve(validatedAt, "motor", "DE")).isEqualTo(List.of("legacy", id(first)));
        assertThat(resolve(selectiveAt, "motor", "DE")).isEqualTo(List.of("shadow", id(second)));
        assertThat(resolve(selectiveAt, "home", "DE")).isEqualTo(List.of("legacy", id(second)));
        assertThat(resolve(fullAt, "home", "AT")).isEqualTo(List.of("shadow", id(third)));
        assertThat(resolve(Instant.now(), "motor", "DE")).isEqualTo(List.of("legacy", id(fourth)));

        // the compacted topic's latest record for the context is the rollback
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CloudEvent latest = latestOnTopic("claims");
            assertThat(latest).isNotNull();
            assertThat(latest.id()).isEqualTo(id(fourth));
            assertThat(latest.type()).isEqualTo(AuthorityDecided.EVENT_TYPE);
            AuthorityDecided decided = codec.data(latest.data(), AuthorityDecided.class);
            assertThat(decided.stage().name()).isEqualTo("SHADOW");
            assertThat(decided.decidedBy()).isEqualTo("admin");
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM authority_decision WHERE published_at IS NULL", Long.class))
                .isZero();
        assertThat(decisions).hasSize(4);
        assertThat(stageGauge()).isEqualTo(0.0);
    }

    @Test
    @Order(2)
    void declaresTheDecisionTopicCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers")))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AUTHORITY_DECISIONS);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    @Order(3)
    void keepsTheDecisionLogAppendOnly() {
        String id = jdbc.queryForObject("SELECT decision_id::text FROM authority_decision LIMIT 1", String.class);

        assertThatThrownBy(() -> jdbc.update("UPDATE authority_decision SET reason = 'rewritten' WHERE decision_id = ?::uuid", id))
                .hasMessageContaining("authority decisions are append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE authority_decision SET published_at = now() WHERE decision_id = ?::uuid", id))
                .hasMessageContaining("authority decisions are append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM authority_decision WHERE decision_id = ?::uuid", id))
                .hasMessageContaining("authority decisions are append-only");
    }

    @Test
    @Order(6)
    void letsOnlyOneOfConcurrentDecisionsBuildOnTheSameState() throws Exception {
        String body = "{\"stage\": \"VALIDATED\", \"reason\": \"race\", \"overrideReadiness\": \"test\"}";
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/authority/pricing/decisions"))
                    .header("Authorization", basic("admin")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = new ArrayList<>();
        for (var response : responses) {
            statuses.add(response.get().statusCode());
        }

        assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        assertThat(jdbc.queryForList("SELECT previous_stage FROM authority_decision WHERE context = 'pricing'", String.class))
                .containsExactly("SHADOW");
    }

    @Test
    @Order(5)
    void publishesADecisionRecordedButNeverAcknowledgedByTheBroker() {
        // as if the service had died between the commit and the send
        String decisionId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO authority_decision (decision_id, context, stage, cohorts, reason, decided_by, decided_at, "
                + "previous_stage, previous_cohorts, readiness) VALUES (?::uuid, 'claims', 'VALIDATED', '[]'::jsonb, "
                + "'recorded before a crash', 'admin', now(), 'SHADOW', '[]'::jsonb, "
                + "'{\"context\": \"claims\", \"ready\": false, \"evaluatedAt\": \"2026-12-04T00:00:00Z\", \"criteria\": []}'::jsonb)",
                decisionId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT published_at IS NOT NULL FROM authority_decision WHERE decision_id = ?::uuid",
                    Boolean.class, decisionId)).isTrue();
            assertThat(latestOnTopic("claims").id()).isEqualTo(decisionId);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stageGauge()).isEqualTo(1.0));
    }

    @Test
    @Order(4)
    void answersBadDecisionsWithProblemDetails() throws Exception {
        Response unknownContext = post("orders", "{\"stage\": \"VALIDATED\", \"reason\": \"r\"}", "admin");
        Response unknownStage = post("claims", "{\"stage\": \"HALFWAY\", \"reason\": \"r\"}", "admin");
        Response malformedCohort = post("claims", "{\"stage\": \"SELECTIVE\", \"cohorts\": [{}], \"reason\": \"r\"}", "admin");
        Response blankCohortValue = post("claims", "{\"stage\": \"SELECTIVE\", \"cohorts\": [{\"region\": \" \"}], "
                + "\"reason\": \"r\"}", "admin");
        Response noReason = post("claims", "{\"stage\": \"VALIDATED\"}", "admin");
        Response cohortsOnFull = post("claims", "{\"stage\": \"FULL\", \"cohorts\": [{\"region\": \"DE\"}], \"reason\": \"r\"}",
                "admin");
        Response auditor = post("claims", "{\"stage\": \"VALIDATED\", \"reason\": \"r\"}", "auditor");
        Response operator = post("claims", "{\"stage\": \"VALIDATED\", \"reason\": \"r\"}", "operator");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/authority/claims/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stage\": \"VALIDATED\", \"reason\": \"r\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Response badAt = get("/api/v1/authority/claims/resolve?at=yesterday", "auditor");
        Response unknownResolve = get("/api/v1/authority/orders/resolve?at=2026-01-01T00:00:00Z", "auditor");

        assertThat(unknownContext.status()).isEqualTo(404);
        assertThat(unknownStage.status()).isEqualTo(422);
        assertThat(unknownStage.body().get("field").asString()).isEqualTo("stage");
        assertThat(malformedCohort.status()).isEqualTo(422);
        assertThat(malformedCohort.body().get("field").asString()).isEqualTo("cohorts[0]");
        assertThat(blankCohortValue.status()).isEqualTo(422);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().get("field").asString()).isEqualTo("reason");
        assertThat(cohortsOnFull.status()).isEqualTo(422);
        assertThat(cohortsOnFull.body().get("field").asString()).isEqualTo("cohorts");
        for (Response problem : List.of(unknownContext, unknownStage, malformedCohort, noReason, auditor, badAt)) {
            assertThat(problem.contentType()).startsWith("application/problem+json");
        }
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(operator.status()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(badAt.status()).isEqualTo(400);
        assertThat(unknownResolve.status()).isEqualTo(404);
        // nothing of it was recorded
        assertThat(jdbc.queryForObject("SELECT count(*) FROM authority_decision", Long.class)).isEqualTo(4);
    }

    private String id(JsonNode decision) {
        return decision.get("decisionId").asString();
    }

    private List<String> resolve(Instant at, String productLine, String region) throws Exception {
        JsonNode body = get("/api/v1/authority/claims/resolve?at=" + at + "&productLine=" + productLine + "&region=" + region,
                "auditor").body();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("side", "decisionId");
        return List.of(body.get("side").asString(), body.get("decisionId").isNull() ? "null" : body.get("decisionId").asString());
    }

    private CloudEvent latestOnTopic(String context) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "authority-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        CloudEvent latest = null;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUTHORITY_DECISIONS));
            List<CloudEvent> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (context.equals(record.key())) {
                        seen.add(codec.read(record.value()));
                    }
                }
                if (!seen.isEmpty() && consumer.assignment().stream().allMatch(p ->
                        consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
            if (!seen.isEmpty()) {
                latest = seen.get(seen.size() - 1);
            }
        }
        return latest;
    }

    private double stageGauge() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("metrics:metrics"
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith("parallelrun_authority_stage{")
                        && line.contains("context=\"claims\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    }

    private static JsonNode single(JsonNode list, String context) {
        for (JsonNode item : list) {
            if (item.get("context").asString().equals(context)) {
                return item;
            }
        }
        throw new AssertionError("no " + context + " in " + list);
    }

    private Response post(String context, String json, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/authority/" + context + "/decisions"))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response, codec);
    }

    private Response get(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response, codec);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String text, String contentType, String location, JsonNode body) {
        Response(HttpResponse<String> response, EventCodec codec) {
            this(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body().isBlank() ? null : codec.mapper().readTree(response.body()));
        }
    }
}
