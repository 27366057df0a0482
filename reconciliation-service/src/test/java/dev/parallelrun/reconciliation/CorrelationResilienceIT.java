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
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.correlation.CorrelationStreams;
import dev.parallelrun.testsupport.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The correlation on the real broker when things go wrong: a poison outcome, an outage of reconciliation,
 * an intent nobody answers. Verdicts are read from the verdict topic (read committed), as the sink reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.correlation.contexts.claims.window=3s",
        "reconciliation.correlation.contexts.claims.grace=20s",
        "reconciliation.correlation.idle-after=5s"})
@ActiveProfiles("local")
@Import(UpstreamTopics.class)
@DirtiesContext
class CorrelationResilienceIT {

    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "reconciliation");
        String stateDir = Files.createTempDirectory("reconciliation-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
        // the ingress declares the intent topic; here the test does, co-partitioned with the outcome topics
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers")))) {
            admin.createTopics(List.of(new NewTopic(Topics.intents("claims"), 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Autowired
    CorrelationStreams streams;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    private final EventCodec codec = EventCodec.standard();

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void deadLettersAnOutcomeItCannotStoreWithTheReasonAndDecidesTheNextPairs() throws Exception {
        CloudEvent poisonedIntent = newIntent(Instant.now());
        Participant legacy = participant(Side.LEGACY, Clock.systemUTC());
        CloudEvent outcome = legacy.completed(poisonedIntent, ClaimsContract.CLAIM_ASSESSED,
                new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 12345, List.of()));
        byte[] unstorable = new String(codec.write(outcome), StandardCharsets.UTF_8)
                .replace("\"riskScore\":12345", "\"riskScore\":1e10000").getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(Topics.OUTCOMES_LEGACY, outcome.correlationId(), unstorable)).get();
        List<CloudEvent> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CloudEvent intent = newIntent(Instant.now());
            later.add(intent);
            publish(legacy.completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
            publish(participant(Side.SHADOW, Clock.systemUTC()).completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        }

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.deadLetter(Topics.OUTCOMES_LEGACY), outcome.correlationId());
        assertThat(dead.value()).isEqualTo(unstorable);
        assertThat(new String(dead.headers().lastHeader(Headers.DLQ_REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("invalid CloudEvent: data/riskScore is a number with more than 9999 digits of scale, "
                        + "which cannot be written back");
        for (CloudEvent intent : later) {
            assertThat(verdicts(intent.correlationId(), 1)).singleElement()
                    .satisfies(v -> assertThat(v.classification()).isEqualTo(Classification.MATCH));
        }
    }

    @Test
    void decidesAPairAnsweredInTimeAsAMatchAfterAReconciliationOutage() throws Exception {
        Instant answered = Instant.now();
        CloudEvent intent = newIntent(answered);
        long before = streams.pendingCorrelations();
        publish(participant(Side.LEGACY, Clock.fixed(answered, ZoneOffset.UTC))
                .completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pendingCorrelations() > before);

        streams.stop();
        try {
            // the shadow answers a second later; reconciliation stays down well past the 3 s window
            publish(participant(Side.SHADOW, Clock.fixed(answered.plusSeconds(1), ZoneOffset.UTC))
                    .completed(intent, ClaimsContract.CLAIM_ASSESSED, clear()));
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
        } finally {
            streams.start();
        }

        List<Verdict> verdicts = verdicts(intent.correlationId(), 1);
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.classification()).isEqualTo(Classification.MATCH);
            assertThat(v.revision()).isEqualTo(1);
        });
    }

    @Test
    void givesAnIntentNobodyAnswersOneUnansweredVerdictPerExpectedOutcomeTypeAndStoresIt() throws Exception {
        CloudEvent intent = newIntent(Instant.now());
        producer.send(new ProducerRecord<>(Topics.intents("claims"), intent.correlationId(), codec.write(intent))).get();

        List<Verdict> verdicts = verdicts(intent.correlationId(), 2);

        assertThat(verdicts).extracting(Verdict::outcomeType)
                .containsExactlyInAnyOrder(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
        assertThat(verdicts).allSatisfy(v -> assertThat(v.classification()).isEqualTo(Classification.UNANSWERED));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT classification FROM verdict WHERE correlation_id = ?", String.class, intent.correlationId()))
                .containsExactly("UNANSWERED", "UNANSWERED"));
    }

    @Test
    void decidesNothingForAnIntentSamplingLeftOutThatOnlyLegacyAnswersAndSaysSoInTheMatchRates() throws Exception {
        double countedBefore = unsampledCounter();
        CloudEvent unsampled = newIntent(Instant.now()).withSampled(false);
        CloudEvent sampled = newIntent(Instant.now());
        Participant legacy = participant(Side.LEGACY, Clock.systemUTC());
        // the unsampled intent's legacy answers are read before the intent itself, the sampled one's after it
        publish(legacy.completed(unsampled, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(legacy.completed(unsampled, ClaimsContract.PAYMENT_DECIDED, payment()));
        producer.send(new ProducerRecord<>(Topics.intents("claims"), unsampled.correlationId(), codec.write(unsampled))).get();
        producer.send(new ProducerRecord<>(Topics.intents("claims"), sampled.correlationId(), codec.write(sampled))).get();
        publish(legacy.completed(sampled, ClaimsContract.CLAIM_ASSESSED, clear()));
        publish(legacy.completed(sampled, ClaimsContract.PAYMENT_DECIDED, payment()));

        Map<String, List<Verdict>> verdicts = verdictsOnceDecided(sampled.correlationId(), 2, unsampled.correlationId());

        assertThat(verdicts.getOrDefault(sampled.correlationId(), List.of())).extracting(Verdict::classification)
                .containsExactly(Classification.MISSING_SHADOW, Classification.MISSING_SHADOW);
        assertThat(verdicts.getOrDefault(unsampled.correlationId(), List.of())).isEmpty();
        assertThat(unsampledCounter()).isGreaterThanOrEqualTo(countedBefore + 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT context FROM unsampled_intent WHERE intent_id = ?", String.class, unsampled.id()))
                .containsExactly("claims"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long stored = jdbc.queryForObject("SELECT count(*) FROM unsampled_intent WHERE context = 'claims' "
                    + "AND accepted_at >= now() - interval '1 hour'", Long.class);
            var rates = codec.mapper().readTree(http(URI.create("http://localhost:" + port
                    + "/api/v1/match-rates?context=claims&window=PT1H")));
            assertThat(rates).isNotEmpty().allSatisfy(rate -> {
                assertThat(rate.get("unsampledIntents").asLong()).isEqualTo(stored).isPositive();
                assertThat(rate.get("countedVerdicts").asLong())
                        .isEqualTo(rate.get("agree").asLong() + rate.get("disagree").asLong());
            });
            assertThat(rates).anySatisfy(rate -> assertThat(rate.get("disagree").asLong()).isPositive());
        });
        assertThat(jdbc.queryForList("SELECT classification FROM verdict WHERE correlation_id = ?", String.class,
                unsampled.correlationId())).isEmpty();
    }

    private double unsampledCounter() {
        var counter = registry.find("reconciliation.intents.unsampled").tag("context", "claims").counter();
        return counter == null ? 0 : counter.count();
    }

    private String http(URI uri) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * The verdicts of the given correlation ids, once the first has {@code expected} of them and a few seconds
     * more have passed (anything else decided by then would show).
     */
    private Map<String, List<Verdict>> verdictsOnceDecided(String decided, int expected, String other) {
        Map<String, List<Verdict>> found = new java.util.HashMap<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.VERDICTS));
            Runnable read = () -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (decided.equals(record.key()) || other.equals(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(codec.data(codec.read(record.value()).data(), Verdict.class));
                    }
                }
            };
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                read.run();
                return found.getOrDefault(decided, List.of()).size() >= expected;
            });
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
                read.run();
                return true;
            });
        }
        return found;
    }

    private static dev.parallelrun.events.claims.PaymentDecided payment() {
        java.math.BigDecimal paid = new java.math.BigDecimal("10.00");
        return new dev.parallelrun.events.claims.PaymentDecided("CLM-1001",
                dev.parallelrun.events.claims.PaymentDecided.Decision.APPROVED, paid, new java.math.BigDecimal("20.00"),
                "EUR", List.of(new dev.parallelrun.events.claims.PaymentDecided.LedgerEntry("claims-expense",
                        dev.parallelrun.events.claims.PaymentDecided.Direction.DEBIT, paid)));
    }

    private List<Verdict> verdicts(String correlationId, int expected) {
        List<Verdict> found = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.VERDICTS));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (correlationId.equals(record.key())) {
                        found.add(codec.data(codec.read(record.value()).data(), Verdict.class));
                    }
                }
                return found.size() >= expected;
            });
            // anything more (a MISSING_* first, a second revision) would show within the next seconds
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (correlationId.equals(record.key())) {
                        found.add(codec.data(codec.read(record.value()).data(), Verdict.class));
                    }
                }
                return true;
            });
        }
        return found;
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            return await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
                return null;
            }, record -> record != null);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void publish(CloudEvent outcome) throws Exception {
        producer.send(new ProducerRecord<>(outcome.outcomeSide().outcomeTopic(), outcome.correlationId(),
                codec.write(outcome))).get();
    }

    private Participant participant(Side side, Clock clock) {
        return new Participant(side, "urn:test:" + side.wireName(), clock, codec);
    }

    private static CloudEvent newIntent(Instant at) {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(), golden.source(),
                at, golden.dataContentType(), UUID.randomUUID().toString(), null, golden.boundedContext(),
                null, null, null, null, null, null, null, null, null, null, golden.data());
    }

    private static ClaimAssessed clear() {
        return new ClaimAssessed("CLM-1001", ClaimAssessed.FraudDecision.CLEAR, 10, List.of());
    }
}
