package dev.parallelrun.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.participant.OutcomeProblem;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The pricing service on the in-process broker and a real PostgreSQL: the participant kit around the premium model. */
@SpringBootTest(classes = PricingServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=pricing-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "participant.retry.max-attempts=2",
                "participant.retry.initial-backoff=50ms",
                "participant.retry.max-backoff=200ms"})
@Import(UpstreamTopics.class)
@ActiveProfiles("local")
class PricingServiceIT {

    private static final String INTENTS = "intents.pricing.v1";
    private static final String DEAD_LETTERS = "intents.pricing.v1.dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private KafkaProducer<String, byte[]> producer;
    private TopicTail outcomes;
    private TopicTail deadLetters;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "pricing_service_it");
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
    void quotesAnIntentWithTheDeterministicOutcomeIdAndSuppressesItsQuoteLetter() throws Exception {
        CloudEvent intent = PricingIntents.golden();

        send(intent);

        ConsumerRecord<String, byte[]> record = awaitOutcomes(intent.correlationId(), 1).get(0);
        assertThat(record.key()).isEqualTo(intent.correlationId());
        CloudEvent outcome = codec.read(record.value());
        assertThat(outcome.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, "PremiumQuoted"));
        assertThat(outcome.type()).isEqualTo("pricing.PremiumQuoted.v1");
        assertThat(outcome.source()).isEqualTo("urn:parallelrun:pricing-service");
        assertThat(outcome.outcomeSide()).isEqualTo(Side.SHADOW);
        assertThat(outcome.outcomeType()).isEqualTo("PremiumQuoted");
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(outcome.causationId()).isEqualTo(intent.id());
        assertThat(outcome.boundedContext()).isEqualTo("pricing");
        String quoteId = intent.data().get("quoteId").asString();
        PremiumQuoted quoted = codec.data(outcome.data(), PremiumQuoted.class);
        // the new service's own reference, generated for this pricing
        assertThat(quoted.quoteReference()).startsWith("PQ-");
        assertThat(quoted).isEqualTo(new PremiumQuoted(quoteId, quoted.quoteReference(),
                new BigDecimal("633.03"), new BigDecimal("531.96"), "DE-IPT-19", new BigDecimal("101.07"), "EUR",
                List.of("MULTI_PRODUCT", "ONLINE"), java.util.Set.of("EDOC", "MULT", "WEB2")));

        JsonNode items = sideEffects(intent.correlationId()).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("type").asString()).isEqualTo("QUOTE_LETTER");
        assertThat(items.get(0).get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(items.get(0).get("intentEventId").asString()).isEqualTo(intent.id());
        assertThat(items.get(0).get("payload").get("grossPremium").decimalValue()).isEqualByComparingTo("633.03");
        assertThat(items.get(0).get("payload").toString()).doesNotContain("Erika", "erika@example.org");
    }

    @Test
    void dispatchesTheQuoteLetterOnlyWhenTheIntentNamesTheShadowSideAuthoritative() throws Exception {
        CloudEvent shadowAuthoritative = PricingIntents.fresh().withAuthority(Side.SHADOW, "decision-" + UUID.randomUUID());
        CloudEvent legacyAuthoritative = PricingIntents.golden().withAuthority(Side.LEGACY, "decision-" + UUID.randomUUID());

        send(shadowAuthoritative);
        send(legacyAuthoritative);

        awaitOutcomes(shadowAuthoritative.correlationId(), 1);
        awaitOutcomes(legacyAuthoritative.correlationId(), 1);
        assertThat(sideEffects(shadowAuthoritative.correlationId()).get("items").findValuesAsString("status"))
                .containsExactly("DISPATCHED");
        assertThat(sideEffects(legacyAuthoritative.correlationId()).get("items").findValuesAsString("status"))
                .containsExactly("SUPPRESSED");
    }

    @Test
    void publishesTheSameOutcomeAgainForARedeliveredIntentWithoutASecondSideEffect() throws Exception {
        CloudEvent intent = PricingIntents.golden();

        send(intent);
        awaitOutcomes(intent.correlationId(), 1);
        send(intent);

        List<ConsumerRecord<String, byte[]>> published = awaitOutcomes(intent.correlationId(), 2);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).value()).isEqualTo(published.get(0).value());
        assertThat(sideEffects(intent.correlationId()).get("items")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(intent.id())
                .query(Integer.class).single()).isOne();
    }

    @Test
    void rejectsAQuoteLegacyWouldDeclineWithTheReasonAndNoSideEffect() throws Exception {
        CloudEvent intent = PricingIntents.quote(data -> data.put("region", "CH"));

        send(intent);

        CloudEvent outcome = codec.read(awaitOutcomes(intent.correlationId(), 1).get(0).value());
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(codec.data(outcome.data(), OutcomeProblem.class).reason()).isEqualTo("not-offered");
        assertThat(sideEffects(intent.correlationId()).get("items")).isEmpty();
    }

    @Test
    void skipsAnIntentOutsideTheSample() throws Exception {
        CloudEvent unsampled = PricingIntents.golden().withSampled(false);
        CloudEvent marker = PricingIntents.golden();

        send(unsampled);
        send(marker);

        awaitOutcomes(marker.correlationId(), 1);
        await().atMost(PATIENCE).until(() -> meterRegistry.find("participant.intents").tag("result", "not_sampled")
                .counters().stream().mapToDouble(c -> c.count()).sum() >= 1);
        assertThat(outcomes.withKey(unsampled.correlationId())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(unsampled.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void deadLettersPoisonRecordsWithTheReasonAndKeepsConsuming() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] notAnEvent = ("not a cloud event " + key).getBytes(StandardCharsets.UTF_8);
        CloudEvent good = PricingIntents.golden();
        CloudEvent wrongType = CloudEvent.intent(UUID.randomUUID().toString(), "pricing.QuoteWithdrawn.v1",
                good.source(), good.time(), key, "pricing", good.data());
        CloudEvent undecodable = PricingIntents.quote(data -> data.put("insuredSum", "a lot"));

        RecordMetadata poisoned = producer.send(new ProducerRecord<>(INTENTS, key, notAnEvent)).get();
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(wrongType))).get();
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(undecodable))).get();
        // the same key, so the same partition: the good intent queues behind the poison
        producer.send(new ProducerRecord<>(INTENTS, key, codec.write(good))).get();

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(() -> {
            deadLetters.poll();
            return deadLetters.withKey(key);
        }, records -> records.size() == 3);
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.partition()).isEqualTo(poisoned.partition());
            assertThat(header(record, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(INTENTS);
        });
        assertThat(dead.get(0).value()).isEqualTo(notAnEvent);
        assertThat(header(dead.get(0), Headers.DLQ_REASON)).startsWith("not a valid CloudEvents JSON object");
        assertThat(codec.read(dead.get(1).value()).id()).isEqualTo(wrongType.id());
        assertThat(header(dead.get(1), Headers.DLQ_REASON))
                .isEqualTo("expected an intent of type pricing.QuoteRequested.v1 but got pricing.QuoteWithdrawn.v1");
        assertThat(codec.read(dead.get(2).value()).id()).isEqualTo(undecodable.id());
        assertThat(header(dead.get(2), Headers.DLQ_REASON)).startsWith("data is not a valid QuoteRequested");

        CloudEvent answered = codec.read(awaitOutcomes(good.correlationId(), 1).get(0).value());
        assertThat(answered.status()).isEqualTo(OutcomeStatus.COMPLETED);
        assertThat(outcomes.withKey(key)).isEmpty();
    }

    @Test
    void declaresOnlyTheTopicItOwns() {
        assertThat(context.getBeansOfType(NewTopic.class).values()).extracting(NewTopic::name)
                .containsExactlyInAnyOrder(Topics.OUTCOMES_SHADOW, Topics.SIDE_EFFECTS_DISPATCHED);
    }

    @Test
    void servesSideEffectsOnlyToAuthenticatedUsersAndAnswersAMissingCorrelationIdWithAProblem() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/side-effects?correlationId=x", null);
        HttpResponse<String> missing = get("/api/v1/side-effects", basic("auditor"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
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

    private JsonNode sideEffects(String correlationId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/side-effects?correlationId=" + correlationId, basic("auditor"));
        assertThat(response.statusCode()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
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
