package dev.parallelrun.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.ProcessedIntentCleanup;
import dev.parallelrun.testsupport.DatabaseOutage;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = ClaimsServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=claims-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                // a tiny retry budget (~1 s) and a short wait for a connection: an outage longer than them proves
                // that infrastructure failures are waited out, never dead-lettered
                "participant.retry.max-attempts=2",
                "participant.retry.initial-backoff=50ms",
                "participant.retry.max-backoff=200ms",
                "spring.datasource.hikari.connection-timeout=250"})
@Import(UpstreamTopics.class)
@ActiveProfiles("local")
class ClaimsServiceIT {

    private static final String INTENTS = "intents.claims.v1";
    private static final String DEAD_LETTERS = "intents.claims.v1.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    private static TestDatabases.TestDatabase database;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    ProcessedIntentCleanup cleanup;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private KafkaProducer<String, byte[]> producer;
    private TopicTail outcomes;
    private TopicTail deadLetters;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabases.register(registry, "claims_service_it");
    }

    @BeforeEach
    void connect() {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        outcomes = new TopicTail(brokers, Topics.OUTCOMES_SHADOW);
        deadLetters = new TopicTail(brokers, DEAD_LETTERS);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        outcomes.close();
        deadLetters.close();
    }

    @Test
    void decidesACleanClaimAndSuppressesItsSideEffects() throws Exception {
        CloudEvent intent = ClaimIntents.clean();

        send(intent);

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(intent.correlationId(), 2);
        assertThat(published).allSatisfy(record -> assertThat(record.key()).isEqualTo(intent.correlationId()));
        CloudEvent assessedEvent = outcome(published, "ClaimAssessed");
        CloudEvent decidedEvent = outcome(published, "PaymentDecided");
        for (CloudEvent event : List.of(assessedEvent, decidedEvent)) {
            assertThat(event.outcomeSide()).isEqualTo(Side.SHADOW);
            assertThat(event.status()).isEqualTo(OutcomeStatus.COMPLETED);
            assertThat(event.source()).isEqualTo("urn:parallelrun:claims-service");
            assertThat(event.causationId()).isEqualTo(intent.id());
            assertThat(event.boundedContext()).isEqualTo("claims");
            assertThat(event.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, event.outcomeType()));
        }
        assertThat(assessedEvent.type()).isEqualTo("claims.ClaimAssessed.v1");
        String claimId = intent.data().get("claimId").asString();
        assertThat(codec.data(assessedEvent.data(), ClaimAssessed.class))
                .isEqualTo(new ClaimAssessed(claimId, ClaimAssessed.FraudDecision.CLEAR, 10, List.of()));
        assertThat(codec.data(decidedEvent.data(), PaymentDecided.class)).isEqualTo(new PaymentDecided(claimId,
                PaymentDecided.Decision.APPROVED, new BigDecimal("976.10"), new BigDecimal("1358.02"), "EUR", List.of(
                        new PaymentDecided.LedgerEntry("claims-expense", PaymentDecided.Direction.DEBIT, new BigDecimal("976.10")),
                        new PaymentDecided.LedgerEntry("claims-payable", PaymentDecided.Direction.CREDIT, new BigDecimal("976.10")),
                        new PaymentDecided.LedgerEntry("claims-reserve", PaymentDecided.Direction.DEBIT, new BigDecimal("1358.02")),
                        new PaymentDecided.LedgerEntry("outstanding-claims", PaymentDecided.Direction.CREDIT, new BigDecimal("1358.02")))));

        JsonNode sideEffects = sideEffects(intent.correlationId());
        JsonNode items = sideEffects.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.findValuesAsString("type")).containsExactlyInAnyOrder("PAYMENT_INSTRUCTION", "CUSTOMER_NOTIFICATION");
        assertThat(items.findValuesAsString("status")).containsOnly("SUPPRESSED");
        assertThat(items.findValuesAsString("intentEventId")).containsOnly(intent.id());
        JsonNode payment = items.get(0).get("type").asString().equals("PAYMENT_INSTRUCTION") ? items.get(0) : items.get(1);
        assertThat(payment.get("payload").get("amount").decimalValue()).isEqualByComparingTo("976.10");

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("participant_side_effects_total{")
                .contains("side=\"shadow\"", "status=\"suppressed\"", "type=\"PAYMENT_INSTRUCTION\""));
    }

    @Test
    void dispatchesTheSideEffectsOfAnIntentThatNamesTheShadowSideAuthoritative() throws Exception {
        // accepted just now: within the new service's authority deadline (participant.authority-deadline)
        CloudEvent intent = ClaimIntents.claimAt(java.time.Instant.now(), data -> { })
                .withAuthority(Side.SHADOW, "decision-" + UUID.randomUUID());

        send(intent);

        awaitOutcomes(intent.correlationId(), 2);
        JsonNode items = sideEffects(intent.correlationId()).get("items");
        assertThat(items.findValuesAsString("status")).containsExactly("DISPATCHED", "DISPATCHED");
    }

    @Test
    void suppressesTheSideEffectsOfAnAuthoritativeIntentReceivedAfterTheAuthorityDeadline() throws Exception {
        // the golden claim was accepted long ago: reconciliation may already have handed it to legacy as a fallback
        CloudEvent late = ClaimIntents.clean().withAuthority(Side.SHADOW, "decision-" + UUID.randomUUID());

        send(late);

        awaitOutcomes(late.correlationId(), 2);
        JsonNode items = sideEffects(late.correlationId()).get("items");
        assertThat(items.findValuesAsString("status")).containsExactly("SUPPRESSED", "SUPPRESSED");
    }

    @Test
    void skipsAnIntentOutsideTheSample() throws Exception {
        CloudEvent unsampled = ClaimIntents.clean().withSampled(false);
        CloudEvent marker = ClaimIntents.clean();

        send(unsampled);
        send(marker);

        awaitOutcomes(marker.correlationId(), 2);
        await().atMost(PATIENCE).until(() -> meterRegistry.find("participant.intents").tag("result", "not_sampled")
                .counters().stream().mapToDouble(c -> c.count()).sum() >= 1);
        assertThat(outcomes.withKey(unsampled.correlationId())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(unsampled.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void publishesTheSameOutcomesAgainForARedeliveredIntentWithoutASecondSideEffect() throws Exception {
        CloudEvent intent = ClaimIntents.clean();

        send(intent);
        awaitOutcomes(intent.correlationId(), 2);
        send(intent);

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(intent.correlationId(), 4);
        List<ConsumerRecord<String, byte[]>> assessed = published.stream()
                .filter(record -> codec.read(record.value()).outcomeType().equals("ClaimAssessed")).toList();
        List<ConsumerRecord<String, byte[]>> decided = published.stream()
                .filter(record -> codec.read(record.value()).outcomeType().equals("PaymentDecided")).toList();
        assertThat(assessed).hasSize(2);
        assertThat(decided).hasSize(2);
        assertThat(assessed.get(1).value()).isEqualTo(assessed.get(0).value());
        assertThat(decided.get(1).value()).isEqualTo(decided.get(0).value());

        JsonNode items = sideEffects(intent.correlationId()).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.findValuesAsString("status")).containsOnly("SUPPRESSED");
    }

    @Test
    void refersASuspiciousClaimAndOnlyNotifies() throws Exception {
        CloudEvent intent = ClaimIntents.claim(data -> {
            data.put("claimedAmount", new BigDecimal("25000.00"));
            data.put("description", "Car stolen, total loss");
        });

        send(intent);

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(intent.correlationId(), 2);
        ClaimAssessed assessed = codec.data(outcome(published, "ClaimAssessed").data(), ClaimAssessed.class);
        assertThat(assessed.fraudDecision()).isEqualTo(ClaimAssessed.FraudDecision.SUSPECTED_FRAUD);
        assertThat(assessed.riskScore()).isEqualTo(70);
        assertThat(assessed.riskReasons()).containsExactly("AMOUNT_OVER_20000", "KEYWORD_STOLEN", "KEYWORD_TOTAL_LOSS");
        PaymentDecided decided = codec.data(outcome(published, "PaymentDecided").data(), PaymentDecided.class);
        assertThat(decided.decision()).isEqualTo(PaymentDecided.Decision.REFERRED);
        assertThat(decided.paymentAmount()).isEqualTo(new BigDecimal("0.00"));

        JsonNode items = sideEffects(intent.correlationId()).get("items");
        assertThat(items.findValuesAsString("type")).containsExactly("CUSTOMER_NOTIFICATION");
    }

    @Test
    void rejectsAnUnknownPolicyOnBothOutcomes() throws Exception {
        CloudEvent intent = ClaimIntents.claim(data -> data.put("policyId", "POL-000"));

        send(intent);

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(intent.correlationId(), 2);
        assertThat(published).extracting(record -> codec.read(record.value()).outcomeType())
                .containsExactlyInAnyOrder("ClaimAssessed", "PaymentDecided");
        assertThat(published).allSatisfy(record -> {
            CloudEvent event = codec.read(record.value());
            assertThat(event.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(codec.data(event.data(), OutcomeProblem.class).reason()).isEqualTo("unknown-policy");
        });
        assertThat(sideEffects(intent.correlationId()).get("items")).isEmpty();
    }

    @Test
    void deadLettersPoisonRecordsWithTheReasonAndKeepsConsuming() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] notAnEvent = ("not a cloud event " + key).getBytes(StandardCharsets.UTF_8);
        CloudEvent clean = ClaimIntents.clean();
        CloudEvent wrongType = CloudEvent.intent(UUID.randomUUID().toString(), "claims.ClaimWithdrawn.v1",
                clean.source(), clean.time(), key, "claims", clean.data());
        CloudEvent undecodable = ClaimIntents.claim(data -> data.put("claimedAmount", "a lot"));

        RecordMetadata poisoned = producer.send(new ProducerRecord<>(INTENTS, key, notAnEvent)).get();
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(wrongType))).get();
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(undecodable))).get();
        // the same key, so the same partition: the good intent queues behind the poison
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(clean))).get();

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(() -> {
            deadLetters.poll();
            return deadLetters.withKey(key);
        }, records -> records.size() == 3);
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.partition()).isEqualTo(poisoned.partition());
            assertThat(header(record, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(INTENTS);
            assertThat(header(record, Headers.DLQ_ORIGINAL_PARTITION)).isEqualTo(String.valueOf(poisoned.partition()));
        });
        assertThat(dead.get(0).value()).isEqualTo(notAnEvent);
        assertThat(header(dead.get(0), Headers.DLQ_REASON)).startsWith("not a valid CloudEvents JSON object");
        assertThat(header(dead.get(0), Headers.DLQ_ORIGINAL_OFFSET)).isEqualTo(String.valueOf(poisoned.offset()));
        assertThat(codec.read(dead.get(1).value()).id()).isEqualTo(wrongType.id());
        assertThat(header(dead.get(1), Headers.DLQ_REASON))
                .isEqualTo("expected an intent of type claims.ClaimSubmitted.v1 but got claims.ClaimWithdrawn.v1");
        assertThat(codec.read(dead.get(2).value()).id()).isEqualTo(undecodable.id());
        assertThat(header(dead.get(2), Headers.DLQ_REASON)).startsWith("data is not a valid ClaimSubmitted");

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(clean.correlationId(), 2);
        assertThat(published).allSatisfy(record -> assertThat(codec.read(record.value()).status())
                .isEqualTo(OutcomeStatus.COMPLETED));
        assertThat(outcomes.withKey(key)).isEmpty();
    }

    @Test
    void waitsOutADatabaseThatRefusesConnectionsAndAnswersEveryIntentOnceWithoutDeadLetteringAny() throws Exception {
        List<CloudEvent> intents = List.of(ClaimIntents.clean(), ClaimIntents.clean(), ClaimIntents.clean(),
                ClaimIntents.claim(data -> data.put("policyId", "POL-000")), ClaimIntents.clean());
        double refusedBefore = connectionTimeouts();

        DatabaseOutage.refuseConnections(database);
        try {
            for (CloudEvent intent : intents) {
                send(intent);
            }
            // far longer than the retry budget: the intents have failed on the database again and again
            await().atMost(PATIENCE).until(() -> connectionTimeouts() - refusedBefore >= 20);
        } finally {
            DatabaseOutage.allowConnections(database);
        }

        for (CloudEvent intent : intents) {
            assertThat(awaitOutcomes(intent.correlationId(), 2)).extracting(record -> codec.read(record.value()).id())
                    .doesNotHaveDuplicates();
            assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(intent.id())
                    .query(Integer.class).single()).isOne();
        }
        deadLetters.poll();
        assertThat(intents).allSatisfy(intent -> assertThat(deadLetters.withKey(intent.correlationId())).isEmpty());
    }

    @Test
    void forgetsProcessedIntentsPastTheirRetentionButKeepsThoseWhoseSideEffectsAreStillEvidence() {
        Instant now = Instant.now();
        String expired = insertProcessedIntent(now.minus(Duration.ofDays(15)), false);
        String withEvidence = insertProcessedIntent(now.minus(Duration.ofDays(15)), true);
        String evidenceExpired = insertProcessedIntent(now.minus(Duration.ofDays(401)), true);
        String fresh = insertProcessedIntent(now.minus(Duration.ofDays(13)), false);

        ProcessedIntentCleanup.Deleted deleted = cleanup.deleteExpired();

        assertThat(deleted.sideEffects()).isGreaterThanOrEqualTo(1);
        assertThat(deleted.processedIntents()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("SELECT intent_event_id FROM processed_intent WHERE intent_event_id IN (?, ?, ?, ?)")
                .params(expired, withEvidence, evidenceExpired, fresh).query(String.class).list())
                .containsExactlyInAnyOrder(withEvidence, fresh);
        assertThat(jdbc.sql("SELECT intent_event_id FROM side_effect WHERE intent_event_id IN (?, ?)")
                .params(withEvidence, evidenceExpired).query(String.class).list()).containsExactly(withEvidence);
    }

    @Test
    void servesSideEffectsAndMetricsOnlyToAuthenticatedUsers() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/side-effects", null);
        HttpResponse<String> scraperOnTheApi = get("/api/v1/side-effects", "Basic "
                + java.util.Base64.getEncoder().encodeToString("metrics:metrics".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> anonymousMetrics = get("/actuator/prometheus", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(scraperOnTheApi.statusCode()).isEqualTo(403);
        assertThat(anonymousMetrics.statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void declaresOnlyTheTopicItOwnsWithTheConfiguredPartitions() throws Exception {
        // the intent topic and its dead-letter topic belong to the ingress (here: UpstreamTopics)
        assertThat(context.getBeansOfType(NewTopic.class).values()).extracting(NewTopic::name)
                .containsExactlyInAnyOrder(Topics.OUTCOMES_SHADOW, Topics.SIDE_EFFECTS_DISPATCHED);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers")))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(INTENTS, DEAD_LETTERS, Topics.OUTCOMES_SHADOW))
                    .allTopicNames().get();

            assertThat(topics.values()).allSatisfy(topic -> {
                assertThat(topic.partitions()).hasSize(3);
                assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            });
        }
    }

    @Test
    void answersAMissingCorrelationIdWithAProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/side-effects");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private String insertProcessedIntent(Instant processedAt, boolean withSideEffect) {
        String id = "retention-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_intent (intent_event_id, correlation_id, outcomes, processed_at, received_at) "
                + "VALUES (?, ?, CAST('[]' AS json), ?, ?)")
                .params(id, id, Timestamp.from(processedAt), Timestamp.from(processedAt)).update();
        if (withSideEffect) {
            jdbc.sql("INSERT INTO side_effect (id, intent_event_id, correlation_id, type, payload, status, created_at) "
                    + "VALUES (?, ?, ?, 'CUSTOMER_NOTIFICATION', CAST('{}' AS jsonb), 'SUPPRESSED', ?)")
                    .params(UUID.randomUUID(), id, id, Timestamp.from(processedAt)).update();
        }
        return id;
    }

    private double connectionTimeouts() {
        return meterRegistry.find("hikaricp.connections.timeout").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private void send(CloudEvent intent) throws Exception {
        producer.send(new ProducerRecord<>(INTENTS, intent.correlationId(), codec.write(intent))).get();
    }

    private List<ConsumerRecord<String, byte[]>> awaitOutcomes(String correlationId, int count) {
        return await().atMost(PATIENCE).until(() -> {
            outcomes.poll();
            return outcomes.withKey(correlationId);
        }, records -> records.size() >= count);
    }

    private CloudEvent outcome(List<ConsumerRecord<String, byte[]>> records, String outcomeType) {
        return records.stream().map(record -> codec.read(record.value()))
                .filter(event -> event.outcomeType().equals(outcomeType))
                .findFirst().orElseThrow();
    }

    private JsonNode sideEffects(String correlationId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/side-effects?correlationId=" + correlationId);
        assertThat(response.statusCode()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }

    /** As the local profile's users: the metrics scraper on the actuator, an auditor on the API. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String user = path.startsWith("/actuator") ? "metrics" : "auditor";
        return get(path, "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Reads a whole topic from the beginning, read_committed, without joining a consumer group. */
    private static final class TopicTail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

        TopicTail(String brokers, String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }

        List<ConsumerRecord<String, byte[]>> withKey(String key) {
            return records.stream().filter(record -> key.equals(record.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
