package dev.parallelrun.reconciliation.verdicts.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictFixtures;
import dev.parallelrun.testsupport.TestDatabases.TestDatabase;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The verdict sink against the real broker and a real PostgreSQL: a verdict PostgreSQL refuses is dead-lettered
 * alone; a database that refuses every connection for longer than any retry budget costs no verdict.
 */
@SpringBootTest(properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // tiny backoff: a sink that counted attempts during an outage would give its records up within seconds
        "reconciliation.sink.retry.initial-backoff=20ms",
        "reconciliation.sink.retry.max-backoff=100ms",
        "spring.datasource.hikari.connection-timeout=250",
        // a consumer that stopped polling while it waits would be out of its group within the outage
        "spring.kafka.consumer.properties.max.poll.interval.ms=10000"})
@ActiveProfiles("local")
@Import(UpstreamTopics.class)
@DirtiesContext
class VerdictSinkIT {

    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");
    private static final String GROUP = "reconciliation-service.verdict-sink";
    private static TestDatabase database;
    private static KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabases.register(registry, "verdict_sink");
        String stateDir = Files.createTempDirectory("reconciliation-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    VerdictSinkHealthIndicator health;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

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
    void deadLettersOnlyTheVerdictsPostgresRefusesAndStoresTheRestOfTheirBatch() throws Exception {
        List<Verdict> good = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            good.add(VerdictFixtures.revision(UUID.randomUUID().toString(), 1, START));
        }
        Verdict nul = VerdictFixtures.withLegacyText(UUID.randomUUID().toString(), "CLEAR\u0000");
        Verdict longContext = VerdictFixtures.inContext(VerdictFixtures.revision(UUID.randomUUID().toString(), 1, START),
                "c".repeat(100));
        List<Verdict> batch = new ArrayList<>(good);
        batch.add(7, nul);
        batch.add(19, longContext);

        // one poll, one batch: the sink sees the bad verdicts among the good ones
        MessageListenerContainer sink = listeners.getListenerContainer(VerdictSink.LISTENER_ID);
        sink.pause();
        await().atMost(Duration.ofSeconds(30)).until(sink::isPauseRequested);
        publish(batch);
        sink.resume();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(storedCount(good)).isEqualTo(good.size()));
        Map<String, ConsumerRecord<String, byte[]>> deadLetters = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters(keys(batch)), found -> found.size() >= 2);
        assertThat(deadLetters).containsOnlyKeys(nul.correlationId(), longContext.correlationId());
        assertThat(header(deadLetters.get(nul.correlationId()), Headers.DLQ_REASON)).contains("SQLState 22P05");
        assertThat(header(deadLetters.get(longContext.correlationId()), Headers.DLQ_REASON)).contains("SQLState 22001");
        assertThat(header(deadLetters.get(nul.correlationId()), Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.VERDICTS);
        assertThat(deadLetters.get(nul.correlationId()).partition())
                .isEqualTo(Integer.parseInt(header(deadLetters.get(nul.correlationId()), Headers.DLQ_ORIGINAL_PARTITION)));
        assertThat(codec.read(deadLetters.get(nul.correlationId()).value()).id()).isEqualTo(nul.verdictId());
        assertThat(storedCount(List.of(nul, longContext))).isZero();
    }

    @Test
    void aDatabaseRefusingConnectionsLongerThanAnyRetryBudgetCostsNoVerdict() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String pair = UUID.randomUUID().toString();
            pairs.add(pair);
            verdicts.add(VerdictFixtures.revision(pair, 1, START));
            verdicts.add(VerdictFixtures.revision(pair, 2, START));
        }
        List<Verdict> replay = new ArrayList<>(verdicts);
        replay.addAll(verdicts.subList(0, 20));
        Collections.shuffle(replay, new Random(3));
        String member = sinkMember();
        double failedBefore = unavailableAttempts();

        try {
            allowConnections(false);
            publish(replay);
            // dozens of attempts (the old budget, scaled to this backoff, allowed a handful), and past max.poll.interval.ms
            await().atMost(Duration.ofSeconds(120)).until(() -> unavailableAttempts() - failedBefore >= 25
                    && waitingFor().compareTo(Duration.ofSeconds(12)) > 0);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(meters.get("reconciliation.verdict.sink.waiting.for.database").gauge().value()).isEqualTo(1);
        } finally {
            allowConnections(true);
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .untilAsserted(() -> assertThat(storedCount(verdicts)).isEqualTo(verdicts.size()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict WHERE correlation_id = ANY(?)", Long.class,
                (Object) pairs.toArray(String[]::new))).as("every verdict stored exactly once").isEqualTo(verdicts.size());
        assertThat(jdbc.queryForList("SELECT revision FROM verdict WHERE superseded_by IS NULL AND correlation_id = ANY(?)",
                Integer.class, (Object) pairs.toArray(String[]::new))).hasSize(pairs.size()).containsOnly(2);
        assertThat(deadLetters(keys(verdicts))).as("dead-lettered").isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(sinkMember()).as("the sink's consumer stayed in its group").isEqualTo(member);
    }

    private long storedCount(List<Verdict> verdicts) {
        return jdbc.queryForObject("SELECT count(*) FROM verdict WHERE verdict_id = ANY(?::uuid[])", Long.class,
                (Object) verdicts.stream().map(Verdict::verdictId).toArray(String[]::new));
    }

    private Duration waitingFor() {
        Object since = health.health().getDetails().get("waitingForDatabaseSince");
        return since == null ? Duration.ZERO : Duration.between(Instant.parse(since.toString()), Instant.now());
    }

    private double unavailableAttempts() {
        return meters.get("reconciliation.verdict.sink.database.unavailable").counter().count();
    }

    private void publish(List<Verdict> verdicts) throws Exception {
        for (Verdict verdict : verdicts) {
            CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, "urn:test:verdicts",
                    verdict.decidedAt(), verdict.correlationId(), verdict.context(), codec.tree(verdict));
            producer.send(new ProducerRecord<>(Topics.VERDICTS, verdict.correlationId(), codec.write(event)));
        }
        producer.flush();
    }

    private static Set<String> keys(List<Verdict> verdicts) {
        Set<String> keys = new HashSet<>();
        verdicts.forEach(v -> keys.add(v.correlationId()));
        return keys;
    }

    /** Every record with one of the keys in the verdicts' dead-letter topic, read to its end. */
    private Map<String, ConsumerRecord<String, byte[]>> deadLetters(Set<String> keys) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(VerdictSink.DEAD_LETTER_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found.put(record.key(), record);
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private String sinkMember() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                var members = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members();
                return members.size() == 1 ? members.iterator().next() : null;
            }, member -> member != null && !member.assignment().topicPartitions().isEmpty()).consumerId();
        }
    }

    /**
     * Makes the test database refuse every new connection and ends the ones it has (from the server's maintenance
     * database), or lets it accept them again.
     */
    private static void allowConnections(boolean allow) throws Exception {
        String url = database.url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
        String maintenance = url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
        try (Connection admin = DriverManager.getConnection(maintenance, database.user(), database.password());
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
