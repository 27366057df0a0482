package dev.parallelrun.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.correlation.contexts.claims.window=3s",
        "reconciliation.correlation.contexts.claims.grace=1m"})
@ActiveProfiles("local")
// closed after the class, while the shared broker is still up, so clients shut down cleanly
@DirtiesContext
class ReconciliationServiceIT {

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "reconciliation");
        String stateDir = Files.createTempDirectory("reconciliation-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Participant legacy = new Participant(Side.LEGACY, "urn:test:legacy", Clock.systemUTC(), codec);
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", Clock.systemUTC(), codec);

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void storesAMatchAndServesItToAuditors() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        JsonNode transaction = awaitTransaction(intent.correlationId(), 1);

        JsonNode verdict = transaction.get("verdicts").get(0);
        assertThat(verdict.get("classification").asString()).isEqualTo("MATCH");
        assertThat(verdict.get("severity").asString()).isEqualTo("NONE");
        assertThat(verdict.get("outcomeType").asString()).isEqualTo("ClaimAssessed");
        assertThat(verdict.get("ruleSetVersion").asString()).isEqualTo("structural-1");
        assertThat(verdict.get("legacy").get("fraudDecision").asString()).isEqualTo("CLEAR");
        assertThat(verdict.get("legacyReceivedAt").asString()).endsWith("Z");
        assertThat(verdict.get("history")).isEmpty();
    }

    @Test
    void supersedesAMissingVerdictWhenTheLateSideArrivesAndKeepsTheHistory() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitClassification(intent.correlationId(), "MISSING_SHADOW");

        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        JsonNode verdict = awaitClassification(intent.correlationId(), "TIMING");
        assertThat(verdict.get("revision").asInt()).isEqualTo(2);
        assertThat(verdict.get("history")).hasSize(1);
        assertThat(verdict.get("history").get(0).get("classification").asString()).isEqualTo("MISSING_SHADOW");
    }

    @Test
    void replayingTheVerdictTopicNeverDuplicatesARecord() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(intent.correlationId(), 1);
        byte[] verdictEvent = readVerdictEvent(intent.correlationId());

        producer.send(new ProducerRecord<>(Topics.VERDICTS, intent.correlationId(), verdictEvent)).get();
        producer.send(new ProducerRecord<>(Topics.VERDICTS, intent.correlationId(), verdictEvent)).get();
        CloudEvent marker = newIntent();
        publish(legacy.completed(marker, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(marker, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(marker.correlationId(), 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict WHERE correlation_id = ?", Long.class,
                intent.correlationId())).isEqualTo(1);
    }

    @Test
    void deadLettersARecordOnTheVerdictTopicThatIsNotAVerdictAndKeepsStoring() throws Exception {
        String key = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(Topics.VERDICTS, key, "garbage".getBytes(StandardCharsets.UTF_8))).get();
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));

        awaitTransaction(intent.correlationId(), 1);
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.VERDICTS)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var found = false;
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
                        assertThat(new String(record.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
                                .contains("not a valid CloudEvents JSON object");
                        found = true;
                    }
                }
                assertThat(found).isTrue();
            });
        }
    }

    @Test
    void listsVerdictsNewestFirstWithFiltersAndAWorkingCursor() throws Exception {
        CloudEvent first = newIntent();
        CloudEvent second = newIntent();
        for (CloudEvent intent : List.of(first, second)) {
            publish(legacy.completed(intent, ClaimsContract.PAYMENT_DECIDED, Map.of("paymentAmount", 10.00)));
            publish(shadow.completed(intent, ClaimsContract.PAYMENT_DECIDED, Map.of("paymentAmount", 10.01)));
            awaitTransaction(intent.correlationId(), 1);
        }

        JsonNode page = get("/api/v1/reconciliations?classification=MISMATCH&outcomeType=PaymentDecided&limit=1", "auditor").body();
        JsonNode next = get("/api/v1/reconciliations?classification=MISMATCH&outcomeType=PaymentDecided&limit=1&cursor="
                + page.get("nextCursor").asString(), "auditor").body();

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("correlationId").asString()).isEqualTo(second.correlationId());
        assertThat(page.get("items").get(0).get("differences").get(0).get("path").asString()).isEqualTo("/paymentAmount");
        assertThat(next.get("items").get(0).get("correlationId").asString()).isEqualTo(first.correlationId());
    }

    @Test
    void reportsMatchRatesPerContextAndOutcomeType() throws Exception {
        CloudEvent intent = newIntent();
        publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(shadow.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        awaitTransaction(intent.correlationId(), 1);

        JsonNode rates = get("/api/v1/match-rates?context=claims&window=PT1H", "operator").body();

        JsonNode assessed = null;
        for (JsonNode rate : rates) {
            if (rate.get("outcomeType").asString().equals("ClaimAssessed")) {
                assessed = rate;
            }
        }
        assertThat(assessed).isNotNull();
        assertThat(assessed.get("agree").asLong()).isPositive();
        long agree = assessed.get("agree").asLong();
        long disagree = assessed.get("disagree").asLong();
        assertThat(assessed.get("matchRate").asDouble()).isEqualTo((double) agree / (agree + disagree));
    }

    @Test
    void refusesRequestsWithoutCredentialsAsProblemDetails() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void refusesWrongPasswords() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations"))
                .header("Authorization", basic("auditor", "wrong")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void letsAuditorsOnlyRead() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations"))
                .header("Authorization", basic("auditor", "auditor")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
    }

    @Test
    void answersBadQueriesWithProblemDetails() throws Exception {
        assertProblem("/api/v1/reconciliations?classification=SORT_OF", 400, "classification");
        assertProblem("/api/v1/reconciliations?limit=0", 400, "limit");
        assertProblem("/api/v1/reconciliations?from=yesterday", 400, "from");
        assertProblem("/api/v1/reconciliations?cursor=not-a-cursor", 400, "cursor");
        assertProblem("/api/v1/match-rates?window=15", 400, "window");
        assertProblem("/api/v1/reconciliations/" + UUID.randomUUID(), 404, null);
    }

    @Test
    void exposesPrometheusMetricsWithoutCredentials() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("reconciliation_pending_correlations");
    }

    private void assertProblem(String path, int status, String parameter) throws Exception {
        Response response = get(path, "admin");
        assertThat(response.status()).as(path).isEqualTo(status);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(response.body().get("parameter").asString()).isEqualTo(parameter);
        }
    }

    private JsonNode awaitTransaction(String correlationId, int verdicts) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response response = get("/api/v1/reconciliations/" + correlationId, "auditor");
            return response.status() == 200 ? response.body() : null;
        }, body -> body != null && body.get("verdicts").size() == verdicts);
    }

    private JsonNode awaitClassification(String correlationId, String classification) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response response = get("/api/v1/reconciliations/" + correlationId, "auditor");
            return response.status() == 200 ? response.body().get("verdicts").get(0) : null;
        }, verdict -> verdict != null && verdict.get("classification").asString().equals(classification));
    }

    private byte[] readVerdictEvent(String correlationId) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.VERDICTS));
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (correlationId.equals(record.key())) {
                        return record.value();
                    }
                }
                return null;
            }, value -> value != null);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void publish(CloudEvent outcome) throws Exception {
        producer.send(new ProducerRecord<>(outcome.outcomeSide().outcomeTopic(), outcome.correlationId(), codec.write(outcome))).get();
    }

    private static CloudEvent newIntent() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(), golden.source(),
                golden.time(), golden.dataContentType(), UUID.randomUUID().toString(), null, golden.boundedContext(),
                null, null, null, null, golden.data());
    }

    private static ClaimAssessed clear() {
        return new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 10, List.of());
    }

    private Response get(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, user))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : codec.mapper().readTree(response.body());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String contentType, JsonNode body) {
    }
}
