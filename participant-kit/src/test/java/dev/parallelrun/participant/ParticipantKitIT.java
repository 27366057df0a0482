package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The kit as a team uses it: a made-up shadow participant ({@link Notes}) that is nothing but an {@link IntentHandler}
 * bean and the {@code participant.*} properties, on the in-process broker and a real, empty PostgreSQL that only the
 * kit's migration prepares.
 */
@SpringBootTest(classes = ParticipantKitIT.NotesService.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.flyway.locations=classpath:db/participant",
                "participant.side=shadow",
                "participant.source=urn:parallelrun:notes-service",
                "participant.consumer.group=notes-service",
                "participant.retry.max-attempts=2",
                "participant.retry.initial-backoff=50ms",
                "participant.retry.max-backoff=200ms"})
class ParticipantKitIT {

    private static final String INTENTS = Topics.intents(Notes.CONTEXT);
    private static final String DEAD_LETTERS = Topics.deadLetter(INTENTS);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventCodec codec = EventCodec.standard();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    ProcessedIntentCleanup cleanup;

    @Autowired
    org.springframework.kafka.core.ConsumerFactory<?, ?> consumerFactory;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> tail;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    /** The ingress's key service as the kit sees it: 200 with a subject's key, 410 once the key is destroyed. */
    private static final Map<String, byte[]> SUBJECT_KEYS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final com.sun.net.httpserver.HttpServer KEY_SERVICE = keyService();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "participant_kit_it");
        registry.add("participant.personal-data.key-service-url",
                () -> "http://localhost:" + KEY_SERVICE.getAddress().getPort());
        registry.add("participant.personal-data.api-key", () -> "notes-service-key");
        registry.add("participant.personal-data.cache-ttl", () -> "0s");
    }

    private static com.sun.net.httpserver.HttpServer keyService() {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/data-subjects/", exchange -> {
                String subjectRef = exchange.getRequestURI().getPath().split("/")[4];
                byte[] key = SUBJECT_KEYS.get(subjectRef);
                boolean authorised = "notes-service-key".equals(exchange.getRequestHeaders().getFirst(Headers.API_KEY));
                byte[] body = (key == null ? "{}" : "{\"key\": \"" + java.util.Base64.getEncoder().encodeToString(key)
                        + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(!authorised ? 403 : key == null ? 410 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void connect() {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        tail = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.OUTCOMES_SHADOW, DEAD_LETTERS)) {
            await().atMost(PATIENCE).until(() -> !tail.partitionsFor(topic).isEmpty());
            tail.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        tail.assign(partitions);
        tail.seekToBeginning(partitions);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        tail.close();
    }

    @Test
    void theIntentConsumerHeartbeatsSoThatAKilledParticipantsPartitionsMoveWithinTheSessionTimeout() {
        // participant.consumer.session-timeout's default, not Kafka's 45 s (longer than a matching window)
        assertThat(consumerFactory.getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_333);
    }

    @Test
    void publishesTheHandlersOutcomesWithDeterministicIdsAndSuppressesTheShadowsSideEffectsBeforeAnyDecision()
            throws Exception {
        CloudEvent intent = Notes.intent();

        send(intent.correlationId(), codec.write(intent));

        ConsumerRecord<String, byte[]> outcome = awaitRecords(Topics.OUTCOMES_SHADOW, intent.correlationId(), 1).get(0);
        CloudEvent event = codec.read(outcome.value());
        assertThat(event.id()).isEqualTo(Participant.outcomeId(intent.id(), Side.SHADOW, Notes.NOTE_FILED));
        assertThat(event.outcomeSide()).isEqualTo(Side.SHADOW);
        assertThat(event.source()).isEqualTo("urn:parallelrun:notes-service");
        assertThat(event.causationId()).isEqualTo(intent.id());
        assertThat(statuses(intent)).containsExactly("SUPPRESSED");
    }

    @Test
    void dispatchesOnlyWhereTheIntentNamesItsSideAuthoritativeAndNeverForAReplay() throws Exception {
        CloudEvent authoritative = Notes.freshIntent().withAuthority(Side.SHADOW, "decision-7");
        CloudEvent replayed = Notes.intent().withAuthority(Side.SHADOW, "decision-7").asReplay("replay-1");
        CloudEvent legacyAuthoritative = Notes.intent().withAuthority(Side.LEGACY, "decision-6");

        for (CloudEvent intent : List.of(authoritative, replayed, legacyAuthoritative)) {
            send(intent.correlationId(), codec.write(intent));
        }

        for (CloudEvent intent : List.of(authoritative, replayed, legacyAuthoritative)) {
            awaitRecords(Topics.OUTCOMES_SHADOW, intent.correlationId(), 1);
        }
        assertThat(statuses(authoritative)).containsExactly("DISPATCHED");
        assertThat(statuses(replayed)).containsExactly("SUPPRESSED");
        assertThat(statuses(legacyAuthoritative)).containsExactly("SUPPRESSED");
    }

    @Test
    void decidesAnIntentReceivedAfterTheAuthorityDeadlineAsANonAuthoritativeOne() throws Exception {
        // accepted long ago (Notes.intent()'s fixed time): reconciliation may already have handed it to legacy
        CloudEvent late = Notes.intent().withAuthority(Side.SHADOW, "decision-12");

        send(late.correlationId(), codec.write(late));

        CloudEvent outcome = codec.read(awaitRecords(Topics.OUTCOMES_SHADOW, late.correlationId(), 1).get(0).value());
        assertThat(outcome.authoritySide()).as("never taken as the truth").isEqualTo(Side.LEGACY);
        assertThat(outcome.authorityDecision()).isEqualTo("decision-12");
        assertThat(statuses(late)).containsExactly("SUPPRESSED");
        assertThat(relayedAt(late)).isNull();
        assertThat(meterRegistry.get("participant.authority.deadline.passed").tags("context", Notes.CONTEXT)
                .counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void relaysEachSideEffectDispatchedForAnIntentStampedShadowExactlyOnceAndNothingSuppressed() throws Exception {
        CloudEvent legacyAuthoritative = Notes.intent().withAuthority(Side.LEGACY, "decision-8");
        CloudEvent replayed = Notes.intent().withAuthority(Side.SHADOW, "decision-9").asReplay("replay-2");
        CloudEvent authoritative = Notes.freshIntent().withAuthority(Side.SHADOW, "decision-9");

        for (CloudEvent intent : List.of(legacyAuthoritative, replayed, authoritative)) {
            send(intent.correlationId(), codec.write(intent));
        }

        await().atMost(PATIENCE).until(() -> relayedAt(authoritative) != null);
        List<CloudEvent> dispatched = dispatchedEvents();
        String sideEffectId = SideEffectGate.idOf(authoritative.id(), Notes.FILING).toString();
        assertThat(dispatched).filteredOn(event -> event.id().equals(sideEffectId)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("sideeffect.NOTE_FILED.v1");
            assertThat(event.correlationId()).isEqualTo(authoritative.correlationId());
            assertThat(event.causationId()).isEqualTo(authoritative.id());
            assertThat(event.source()).isEqualTo("urn:parallelrun:notes-service");
            assertThat(event.data().get("type").stringValue()).isEqualTo(Notes.FILING);
            assertThat(event.data().get("payload").get("text").stringValue()).isEqualTo("call back");
        });
        assertThat(dispatched).noneMatch(event -> event.correlationId().equals(legacyAuthoritative.correlationId())
                || event.correlationId().equals(replayed.correlationId()));
        assertThat(statuses(legacyAuthoritative)).containsExactly("SUPPRESSED");
        assertThat(statuses(replayed)).containsExactly("SUPPRESSED");
        assertThat(relayedAt(legacyAuthoritative)).isNull();
        assertThat(relayedAt(replayed)).isNull();
        assertThat(meterRegistry.get("participant.side_effects.relayed").tags("side", "shadow", "type", Notes.FILING)
                .counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(meterRegistry.get("participant.side_effects.relay.backlog").gauge()).isNotNull();
    }

    @Test
    void aRedeliveredAuthoritativeIntentIsRelayedOnceOnly() throws Exception {
        CloudEvent authoritative = Notes.freshIntent().withAuthority(Side.SHADOW, "decision-10");

        send(authoritative.correlationId(), codec.write(authoritative));
        await().atMost(PATIENCE).until(() -> relayedAt(authoritative) != null);
        send(authoritative.correlationId(), codec.write(authoritative));
        awaitRecords(Topics.OUTCOMES_SHADOW, authoritative.correlationId(), 2);

        String sideEffectId = SideEffectGate.idOf(authoritative.id(), Notes.FILING).toString();
        // the redelivery is answered from the stored outcomes: no second side effect, so nothing more to relay
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(
                () -> dispatchedEvents().stream().filter(event -> event.id().equals(sideEffectId)).count() == 1);
    }

    @Test
    void skipsAFallbackIntentOnTheShadowSide() throws Exception {
        CloudEvent original = Notes.freshIntent().withAuthority(Side.SHADOW, "decision-11");
        CloudEvent fallback = original.asFallback(UUID.randomUUID().toString(), Instant.now());

        send(fallback.correlationId(), codec.write(fallback));

        await().atMost(PATIENCE).until(() -> meterRegistry.find("participant.intents").tag("result", "fallback")
                .counters().stream().mapToDouble(counter -> counter.count()).sum() >= 1);
        poll();
        assertThat(seen).noneMatch(record -> fallback.correlationId().equals(record.key()));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(fallback.id())
                .query(Integer.class).single()).isZero();
        assertThat(statuses(fallback)).isEmpty();
    }

    private Instant relayedAt(CloudEvent intent) {
        return jdbc.sql("SELECT relayed_at FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    /** Everything committed on sideeffects.dispatched.v1 so far, read as a downstream consumer would. */
    private List<CloudEvent> dispatchedEvents() {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(SideEffectRelay.TOPIC, Duration.ofSeconds(10))
                    .stream().map(info -> new TopicPartition(SideEffectRelay.TOPIC, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            List<CloudEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + SideEffectRelay.TOPIC + " up to " + end);
                }
                reader.poll(Duration.ofMillis(200)).forEach(record -> events.add(codec.read(record.value())));
            }
            return events;
        }
    }

    @Test
    void answersARedeliveredIntentWithTheStoredOutcomeByteForByteAndNoSecondSideEffect() throws Exception {
        CloudEvent intent = Notes.intent();

        send(intent.correlationId(), codec.write(intent));
        awaitRecords(Topics.OUTCOMES_SHADOW, intent.correlationId(), 1);
        send(intent.correlationId(), codec.write(intent));

        List<ConsumerRecord<String, byte[]>> outcomes = awaitRecords(Topics.OUTCOMES_SHADOW, intent.correlationId(), 2);
        assertThat(outcomes.get(1).value()).isEqualTo(outcomes.get(0).value());
        assertThat(statuses(intent)).hasSize(1);
        assertThat(meterRegistry.get("participant.intents").tags("context", "notes", "side", "shadow", "result",
                "duplicate").counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void deadLettersABadRecordWithTheReasonAndWhereItCameFrom() throws Exception {
        String key = UUID.randomUUID().toString();
        CloudEvent notAnIntent = Notes.notAnIntent();

        long offset = send(key, "not json".getBytes(StandardCharsets.UTF_8));
        send(notAnIntent.correlationId(), codec.write(notAnIntent));

        ConsumerRecord<String, byte[]> garbage = awaitRecords(DEAD_LETTERS, key, 1).get(0);
        assertThat(garbage.value()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8));
        assertThat(header(garbage, Headers.DLQ_REASON)).startsWith("not a valid CloudEvents JSON object");
        assertThat(header(garbage, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(INTENTS);
        assertThat(header(garbage, Headers.DLQ_ORIGINAL_OFFSET)).isEqualTo(String.valueOf(offset));
        assertThat(header(garbage, Headers.DLQ_ORIGINAL_PARTITION)).isEqualTo(String.valueOf(garbage.partition()));
        ConsumerRecord<String, byte[]> refused = awaitRecords(DEAD_LETTERS, notAnIntent.correlationId(), 1).get(0);
        assertThat(header(refused, Headers.DLQ_REASON))
                .isEqualTo("expected an intent of type notes.NoteTaken.v1 but got notes.NoteBurnt.v1");
        assertThat(seen).noneMatch(record -> record.topic().equals(Topics.OUTCOMES_SHADOW)
                && notAnIntent.correlationId().equals(record.key()));
    }

    @Test
    void skipsAnIntentSamplingLeftOutOfTheParallelRun() throws Exception {
        CloudEvent unsampled = Notes.intent().withSampled(false);

        send(unsampled.correlationId(), codec.write(unsampled));

        await().atMost(PATIENCE).until(() -> meterRegistry.find("participant.intents").tag("result", "not_sampled")
                .counters().stream().mapToDouble(counter -> counter.count()).sum() >= 1);
        poll();
        assertThat(seen).noneMatch(record -> unsampled.correlationId().equals(record.key()));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_intent WHERE intent_event_id = ?").param(unsampled.id())
                .query(Integer.class).single()).isZero();
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
    }

    private String insertProcessedIntent(Instant at, boolean withSideEffect) {
        String id = "retention-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_intent (intent_event_id, correlation_id, outcomes, processed_at, received_at) "
                + "VALUES (?, ?, CAST('[]' AS json), ?, ?)").params(id, id, Timestamp.from(at), Timestamp.from(at))
                .update();
        if (withSideEffect) {
            jdbc.sql("INSERT INTO side_effect (id, intent_event_id, correlation_id, type, payload, status, created_at) "
                    + "VALUES (?, ?, ?, 'NOTE_FILED', CAST('{}' AS jsonb), 'SUPPRESSED', ?)")
                    .params(UUID.randomUUID(), id, id, Timestamp.from(at)).update();
        }
        return id;
    }

    private List<String> statuses(CloudEvent intent) {
        return jdbc.sql("SELECT status FROM side_effect WHERE intent_event_id = ?").param(intent.id())
                .query(String.class).list();
    }

    @Test
    void handsTheHandlerTheIntentsPersonalFieldsDecryptedOrErased() throws Exception {
        String subjectRef = "ds-" + UUID.randomUUID().toString().replace("-", "");
        byte[] key = dev.parallelrun.events.personal.EncryptedValue.newKey();
        SUBJECT_KEYS.put(subjectRef, key);
        String encrypted = dev.parallelrun.events.personal.EncryptedValue.encrypt(subjectRef, 1, key, "call Erika back")
                .wire();
        CloudEvent readable = noteWith(encrypted);

        send(readable.correlationId(), codec.write(readable));

        // the notes handler files the note's text: the decrypted one
        CloudEvent filed = codec.read(awaitRecords(Topics.OUTCOMES_SHADOW, readable.correlationId(), 1).get(0).value());
        assertThat(filed.data().get("text").stringValue()).isEqualTo("call Erika back");

        SUBJECT_KEYS.remove(subjectRef);
        CloudEvent afterErasure = noteWith(encrypted);
        send(afterErasure.correlationId(), codec.write(afterErasure));

        CloudEvent filedErased = codec.read(awaitRecords(Topics.OUTCOMES_SHADOW, afterErasure.correlationId(), 1).get(0)
                .value());
        assertThat(filedErased.data().get("text").stringValue()).isEqualTo("[erased]");
    }

    private CloudEvent noteWith(String text) {
        return CloudEvent.intent(UUID.randomUUID().toString(), Notes.NOTE_TAKEN.eventType(), "urn:parallelrun:test",
                Instant.parse("2026-11-02T09:15:31Z"), UUID.randomUUID().toString(), Notes.CONTEXT,
                codec.tree(new Notes.Note(text)));
    }

    private long send(String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(INTENTS, key, value)).get().offset();
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
        return await().atMost(PATIENCE).until(() -> {
            poll();
            return seen.stream().filter(record -> record.topic().equals(topic) && key.equals(record.key())).toList();
        }, records -> records.size() >= count);
    }

    private void poll() {
        tail.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A participant that is nothing but its handler. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class NotesService {

        @Bean
        IntentHandler noteHandler(Participant participant) {
            return Notes.handler(participant, intent -> {
            });
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        /** The intent topic and its dead-letter topic, declared as their owner (the ingress) would. */
        @Bean
        KafkaAdmin.NewTopics notesTopicsOwnedByTheIngress() {
            return new KafkaAdmin.NewTopics(
                    TopicBuilder.name(INTENTS).partitions(3).replicas(1).build(),
                    TopicBuilder.name(DEAD_LETTERS).partitions(3).replicas(1).build());
        }
    }
}
