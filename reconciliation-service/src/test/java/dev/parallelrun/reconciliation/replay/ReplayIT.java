package dev.parallelrun.reconciliation.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.Attributes;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Governed replays through the HTTP API against a real PostgreSQL and Kafka, the test playing both participants: a
 * replay of last hour's mismatches after the shadow was fixed shows the new classifications next to the old, every
 * selected intent published once under new ids, nothing of it in the live match rate; a cancelled replay publishes
 * nothing more; bad requests are problems and start nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.replay.poll-interval=200ms"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "replay");
        String stateDir = Files.createTempDirectory("replay-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Participant legacy = new Participant(Side.LEGACY, "urn:test:legacy", Clock.systemUTC(), codec);
    private final Participant shadow = new Participant(Side.SHADOW, "urn:test:shadow", Clock.systemUTC(), codec);
    private final Map<String, CloudEvent> originals = new HashMap<>();
    private final Set<String> mismatching = new HashSet<>();
    private KafkaProducer<String, byte[]> producer;
    private Instant start;

    @BeforeAll
    void publishTheOriginals() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        start = Instant.now().minusSeconds(1);
        // six claims: legacy scores each 10 CLEAR; the shadow (before its fix) says REVIEW/80 on three of them
        for (int i = 0; i < 6; i++) {
            CloudEvent intent = intent();
            originals.put(intent.correlationId(), intent);
            send(Topics.intents("claims"), intent);
            send(Topics.OUTCOMES_LEGACY, assessed(legacy, intent, ClaimAssessed.FraudDecision.CLEAR, 10));
            boolean broken = i % 2 == 0;
            if (broken) {
                mismatching.add(intent.correlationId());
            }
            send(Topics.OUTCOMES_SHADOW, assessed(shadow, intent, broken ? ClaimAssessed.FraudDecision.REVIEW
                    : ClaimAssessed.FraudDecision.CLEAR, broken ? 80 : 10));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT count(*) FROM verdict "
                + "WHERE outcome_type = 'ClaimAssessed' AND superseded_by IS NULL", Long.class) == 6);
        assertThat(jdbc.queryForList("SELECT correlation_id FROM verdict WHERE classification = 'MISMATCH'", String.class))
                .containsExactlyInAnyOrderElementsOf(mismatching);
    }

    @AfterAll
    void close() {
        producer.close();
    }

    @Test
    @Order(1)
    void replaysLastHoursMismatchesAndShowsWhichTheFixedShadowResolved() throws Exception {
        JsonNode ratesBefore = get("/api/v1/match-rates?context=claims&window=PT1H", "auditor").body();
        Instant to = Instant.now();

        Response accepted = post("/api/v1/replays", "{\"context\": \"claims\", \"from\": \"" + start + "\", \"to\": \""
                + to + "\", \"filter\": {\"classification\": \"MISMATCH\"}, \"reason\": \"shadow build 1.4.2 fixes the "
                + "risk score\", \"ratePerSecond\": 20}", "admin");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String replayId = accepted.body().get("replayId").asString();
        assertThat(accepted.location()).isEqualTo("/api/v1/replays/" + replayId);

        // the replayed intents: one per mismatching original, new ids, caused by the original, marked as a replay
        List<CloudEvent> replayed = awaitReplayed(replayId, 3);
        assertThat(replayed).extracting(CloudEvent::causationId).containsExactlyInAnyOrderElementsOf(
                mismatching.stream().map(id -> originals.get(id).id()).toList());
        for (CloudEvent intent : replayed) {
            CloudEvent original = originals.values().stream().filter(o -> o.id().equals(intent.causationId())).findFirst()
                    .orElseThrow();
            assertThat(intent.id()).isNotEqualTo(original.id());
            assertThat(intent.correlationId()).isNotIn(originals.keySet());
            assertThat(intent.isReplay()).isTrue();
            assertThat(intent.replayId()).isEqualTo(replayId);
            assertThat(intent.replayKindOrDefault()).isEqualTo(ReplayKind.REPLAY);
            assertThat(intent.data()).isEqualTo(original.data());
            // the participants: legacy answers with its stored outcome, the fixed shadow agrees now
            send(Topics.OUTCOMES_LEGACY, assessed(legacy, intent, ClaimAssessed.FraudDecision.CLEAR, 10));
            send(Topics.OUTCOMES_SHADOW, assessed(shadow, intent, ClaimAssessed.FraudDecision.CLEAR, 10));
        }
        producer.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode run = get("/api/v1/replays/" + replayId, "auditor").body();
            assertThat(run.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("decided").asLong()).isEqualTo(3);
        });
        JsonNode run = get("/api/v1/replays/" + replayId, "auditor").body();
        assertThat(run.get("kind").asString()).isEqualTo("REPLAY");
        assertThat(run.get("selected").asLong()).isEqualTo(3);
        assertThat(run.get("published").asLong()).isEqualTo(3);
        assertThat(run.get("requestedBy").asString()).isEqualTo("admin");
        assertThat(run.get("reason").asString()).isEqualTo("shadow build 1.4.2 fixes the risk score");
        assertThat(run.get("filter").get("classification").get(0).asString()).isEqualTo("MISMATCH");

        JsonNode verdicts = get("/api/v1/replays/" + replayId + "/verdicts", "auditor").body();
        assertThat(verdicts.get("items")).hasSize(3);
        for (JsonNode item : verdicts.get("items")) {
            assertThat(item.get("originalCorrelationId").asString()).isIn(mismatching);
            assertThat(item.get("originalClassification").asString()).isEqualTo("MISMATCH");
            assertThat(item.get("classification").asString()).isEqualTo("MATCH");
            assertThat(item.get("resolved").asBoolean()).isTrue();
        }
        JsonNode replayedPair = get("/api/v1/reconciliations/" + verdicts.get("items").get(0).get("correlationId").asString(),
                "auditor").body().get("verdicts").get(0);
        assertThat(replayedPair.get("replayId").asString()).isEqualTo(replayId);
        assertThat(get("/api/v1/reconciliations/" + mismatching.iterator().next(), "auditor").body().get("verdicts")
                .get(0).has("replayId")).isFalse();
        assertThat(verdicts.get("changes")).hasSize(1);
        assertThat(verdicts.get("changes").get(0).get("from").asString()).isEqualTo("MISMATCH");
        assertThat(verdicts.get("changes").get(0).get("to").asString()).isEqualTo("MATCH");
        assertThat(verdicts.get("changes").get(0).get("count").asLong()).isEqualTo(3);

        // the stored replay verdicts name their replay; the live views do not see them; every intent went out once
        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict WHERE replay_id = ?", Long.class, replayId))
                .isEqualTo(3);
        assertThat(get("/api/v1/match-rates?context=claims&window=PT1H", "auditor").body()).isEqualTo(ratesBefore);
        for (JsonNode item : get("/api/v1/reconciliations?context=claims&limit=100", "auditor").body().get("items")) {
            assertThat(item.get("correlationId").asString()).isIn(originals.keySet());
        }
        assertThat(replayedOnTopic(replayId)).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("parallelrun_replayed_intents_total{", "context=\"claims\"")
                == 3.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("parallelrun_replay_runs{",
                "state=\"COMPLETED\"") == 1.0);
        // an ended replay leaves no consumer group behind (it would look ever more behind)
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            assertThat(admin.listGroups().all().get()).noneMatch(group -> group.groupId().endsWith(replayId));
        }
    }

    @Test
    @Order(2)
    void aCancelledReplayPublishesNothingMore() throws Exception {
        String ids = String.join("\", \"", originals.keySet());
        Response accepted = post("/api/v1/replays", "{\"context\": \"claims\", \"from\": \"" + start + "\", \"to\": \""
                + Instant.now() + "\", \"filter\": {\"correlationIds\": [\"" + ids + "\"]}, \"reason\": \"slow one\", "
                + "\"ratePerSecond\": 1}", "admin");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String replayId = accepted.body().get("replayId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/replays/" + replayId, "auditor").body()
                .get("published").asLong() >= 1);

        assertThat(delete("/api/v1/replays/" + replayId, "operator").status()).isEqualTo(403);
        Response cancelled = delete("/api/v1/replays/" + replayId, "admin");
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("cancelledBy").asString()).isEqualTo("admin");

        // the runner stops at its next commit; then what it published stays what is on the topic
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT lease_owner IS NULL FROM replay_run WHERE replay_id = ?", Boolean.class, replayId));
        long published = get("/api/v1/replays/" + replayId, "auditor").body().get("published").asLong();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                replayedOnTopic(replayId).size() == published);
        assertThat(published).isBetween(1L, 5L);
        assertThat(get("/api/v1/replays/" + replayId, "auditor").body().get("selected").asLong()).isEqualTo(6);

        Response again = delete("/api/v1/replays/" + replayId, "admin");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.body().get("state").asString()).isEqualTo("CANCELLED");
    }

    @Test
    @Order(3)
    void aNoiseRunGivesASampleToBothSidesTwiceAndFindsTheFieldThatDiffers() throws Exception {
        Response accepted = post("/api/v1/noise-runs", "{\"context\": \"claims\", \"from\": \"" + start
                + "\", \"to\": \"" + Instant.now() + "\", \"sample\": 2}", "admin");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String runId = accepted.body().get("noiseRunId").asString();

        // both copies of each sampled original; legacy answers the same twice, the shadow's score wobbles by one
        List<CloudEvent> copies = awaitReplayed(runId, 4);
        assertThat(copies).allSatisfy(copy -> assertThat(copy.replayKindOrDefault()).isEqualTo(ReplayKind.NOISE));
        assertThat(copies.stream().map(CloudEvent::causationId).distinct()).hasSize(2);
        Map<String, Integer> seen = new HashMap<>();
        for (CloudEvent copy : copies) {
            int nth = seen.merge(copy.causationId(), 1, Integer::sum);
            send(Topics.OUTCOMES_LEGACY, assessed(legacy, copy, ClaimAssessed.FraudDecision.CLEAR, 10));
            send(Topics.OUTCOMES_SHADOW, assessed(shadow, copy, ClaimAssessed.FraudDecision.CLEAR, 10 + nth));
        }
        producer.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/v1/noise-runs/" + runId, "auditor").body().get("decided").asLong()).isEqualTo(4));
        JsonNode report = get("/api/v1/noise-runs/" + runId, "auditor").body();
        assertThat(report.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("selected").asLong()).isEqualTo(4);
        assertThat(report.get("fields")).hasSize(1);
        JsonNode field = report.get("fields").get(0);
        assertThat(field.get("outcomeType").asString()).isEqualTo("ClaimAssessed");
        assertThat(field.get("path").asString()).isEqualTo("/riskScore");
        assertThat(field.get("side").asString()).isEqualTo("shadow");
        assertThat(field.get("differing").asInt()).isEqualTo(2);
        assertThat(field.get("differingRate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("compared").get("legacy").asInt()).isEqualTo(2);
        assertThat(report.get("suggestions")).hasSize(1);
        assertThat(report.get("suggestions").get(0).get("rule").asString()).isEqualTo("tolerance");
        assertThat(report.get("suggestions").get(0).get("snippet").asString()).contains("path: /riskScore")
                .contains("absolute: 1");
        assertThat(get("/api/v1/replays/" + runId + "/verdicts", "auditor").body().get("items")).hasSize(4);
        assertThat(get("/api/v1/noise-runs/" + UUID.randomUUID(), "auditor").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void refusesWhatItCannotCarryOutAndStartsNothing() throws Exception {
        long runs = runs();
        Instant now = Instant.now();
        String range = "\"from\": \"" + now.minusSeconds(60) + "\", \"to\": \"" + now + "\"";

        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", \"from\": \"" + now + "\", \"to\": \""
                + now.minusSeconds(60) + "\", \"reason\": \"r\"}", "admin"), 422, "from", "must be before to");
        assertProblem(post("/api/v1/replays", "{\"context\": \"underwriting\", " + range + ", \"reason\": \"r\"}", "admin"),
                422, "context", "unknown context 'underwriting'");
        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", " + range + "}", "admin"), 422, "reason",
                "reason is required");
        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", " + range + ", \"reason\": \"r\", "
                + "\"ratePerSecond\": 0}", "admin"), 422, "ratePerSecond", "between 1 and");
        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", " + range + ", \"reason\": \"r\", "
                + "\"filter\": {\"classification\": [\"WRONG\"]}}", "admin"), 422, "filter.classification",
                "unknown classification 'WRONG'");
        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", \"from\": \"" + now.minusSeconds(60)
                + "\", \"to\": \"" + now.plusSeconds(3600) + "\", \"reason\": \"r\"}", "admin"), 422, "to", "in the future");
        Response malformed = post("/api/v1/replays", "{\"context\": ", "admin");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/replays", "{\"context\": \"claims\", " + range + ", \"reason\": \"r\"}", "operator")
                .status()).isEqualTo(403);
        assertThat(post("/api/v1/replays", "{\"context\": \"claims\", " + range + ", \"reason\": \"r\"}", "auditor")
                .status()).isEqualTo(403);
        assertThat(anonymousPost("/api/v1/replays", "{}").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/replays/no-such-replay", "auditor").status()).isEqualTo(404);
        assertProblem(post("/api/v1/noise-runs", "{\"context\": \"claims\", " + range + "}", "admin"), 422, "sample",
                "sample must be between 1 and");
        assertThat(post("/api/v1/noise-runs", "{\"context\": \"claims\", " + range + ", \"sample\": 5}", "operator")
                .status()).isEqualTo(403);

        // beyond retention: what came before this instant is deleted from partition 0, as retention would
        Instant deletedBefore = Instant.now();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            TopicPartition partition = new TopicPartition(Topics.intents("claims"), 0);
            long end;
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                end = consumer.endOffsets(List.of(partition)).get(partition);
            }
            producer.send(new ProducerRecord<>(partition.topic(), 0, UUID.randomUUID().toString(),
                    codec.write(intent()))).get();
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get();
        }
        assertProblem(post("/api/v1/replays", "{\"context\": \"claims\", \"from\": \"" + start + "\", \"to\": \""
                + Instant.now() + "\", \"reason\": \"r\"}", "admin"), 422, "from", "beyond the retention of intents.claims.v1");
        assertThat(deletedBefore).isAfter(start);

        assertThat(runs()).isEqualTo(runs);
    }

    private long runs() {
        return jdbc.queryForObject("SELECT count(*) FROM replay_run", Long.class);
    }

    private static void assertProblem(Response response, int status, String member, String detail) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("member").asString()).isEqualTo(member);
        assertThat(response.body().get("detail").asString()).contains(detail);
    }

    private CloudEvent intent() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return CloudEvent.intent(UUID.randomUUID().toString(), golden.type(), golden.source(), Instant.now(),
                UUID.randomUUID().toString(), golden.boundedContext(), golden.data());
    }

    private CloudEvent assessed(Participant side, CloudEvent intent, ClaimAssessed.FraudDecision decision, int score) {
        return side.completed(intent, ClaimsContract.CLAIM_ASSESSED, new ClaimAssessed("CLM-1001", decision, score,
                List.of()));
    }

    private void send(String topic, CloudEvent event) {
        producer.send(new ProducerRecord<>(topic, event.correlationId(), codec.write(event)));
    }

    private List<CloudEvent> awaitReplayed(String replayId, int count) {
        List<CloudEvent> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            found.addAll(replayedOnTopic(replayId));
            return found.size() >= count;
        });
        return found;
    }

    /** Every committed intent of the replay on the intent topic. */
    private List<CloudEvent> replayedOnTopic(String replayId) {
        List<CloudEvent> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.intents("claims")).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.headers().lastHeader(Headers.REPLAY_ID) != null) {
                        CloudEvent event = codec.read(record.value());
                        assertThat(new String(record.headers().lastHeader(Headers.REPLAY_ID).value(),
                                StandardCharsets.UTF_8)).isEqualTo(event.replayId());
                        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.correlationId());
                        if (replayId.equals(event.replayId())) {
                            found.add(event);
                        }
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String brokers() {
        return System.getProperty("spring.embedded.kafka.brokers");
    }

    private double metric(String prefix, String label) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("metrics:metrics"
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith(prefix) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private Response post(String path, String json, String user) throws Exception {
        return new Response(http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()), codec);
    }

    private HttpResponse<String> anonymousPost(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Response delete(String path, String user) throws Exception {
        return new Response(http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString()), codec);
    }

    private Response get(String path, String user) throws Exception {
        return new Response(http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), codec);
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
