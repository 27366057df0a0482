package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventDeserializer;
import dev.parallelrun.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The consumer of a participant that waits on a slow system, on the in-process broker: it keeps polling past a slow
 * intent, commits only below the lowest unfinished one, keeps one key's intents in order, stops dispatching at its bound,
 * retries in the failed intent's lane and dead-letters what cannot be processed. Each test has its own topic and group.
 */
class ParallelIntentConsumerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EventCodec codec = EventCodec.standard();
    private final String brokers = System.getProperty("spring.embedded.kafka.brokers");
    private final String topic = "intents.notes-" + UUID.randomUUID() + ".v1";
    private final String group = "group-" + UUID.randomUUID();

    /** Offsets in the order their processing finished. */
    private final List<Long> processed = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<Long, Exception>> deadLetters = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** Each intent's offset, by its id. */
    private final Map<String, Long> offsets = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    private final List<ParallelIntentConsumer> started = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        release.countDown();
        started.forEach(ParallelIntentConsumer::stop);
        producer.close();
        admin.close();
    }

    @Test
    void keepsPollingPastASlowIntentAndCommitsOnlyUpToIt() throws Exception {
        send("slow");
        for (int i = 0; i < 30; i++) {
            send(UUID.randomUUID().toString());
        }

        start(8, 100, 5, holdingBack("slow"));

        // 30 records after the slow one at 5 a poll: six polls at least went by while it was unfinished
        await().atMost(PATIENCE).until(() -> processed.size() == 30);
        assertThat(processed).doesNotContain(0L);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(0L));

        release.countDown();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(31L));
        assertThat(processed).hasSize(31).doesNotHaveDuplicates();
    }

    @Test
    void redeliversFromTheLowestUnfinishedIntentAfterARestart() throws Exception {
        for (int i = 0; i < 10; i++) {
            send(i == 3 ? "slow" : UUID.randomUUID().toString());
        }
        ParallelIntentConsumer first = start(8, 100, 5, holdingBack("slow"));
        await().atMost(PATIENCE).until(() -> processed.size() == 9);

        first.stop(); // the slow intent is interrupted at the end of the grace: unfinished
        processed.clear();
        release.countDown();
        start(8, 100, 5, intent -> { });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(10L));
        assertThat(processed).as("everything from the unfinished intent on, nothing before it")
                .containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void keepsTheIntentsOfOneKeyInOffsetOrder() throws Exception {
        for (int i = 0; i < 40; i++) {
            send(i % 2 == 0 ? "one key" : UUID.randomUUID().toString());
        }

        start(8, 100, 7, intent -> Thread.yield());

        await().atMost(PATIENCE).until(() -> processed.size() == 40);
        assertThat(processed.stream().filter(offset -> offset % 2 == 0)).isSorted();
    }

    @Test
    void stopsDispatchingAtItsBoundOnIntentsInFlightUntilSomeFinish() throws Exception {
        for (int i = 0; i < 12; i++) {
            send(UUID.randomUUID().toString());
        }
        AtomicInteger running = new AtomicInteger();
        ParallelIntentConsumer consumer = start(4, 4, 2, intent -> {
            running.incrementAndGet();
            awaitRelease();
        });

        await().atMost(PATIENCE).until(() -> running.get() == 4);
        // the bound, plus at most the rest of the poll that reached it
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> consumer.inFlight() <= 5 && processed.isEmpty());

        release.countDown();

        await().atMost(PATIENCE).until(() -> processed.size() == 12);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(12L));
    }

    @Test
    void retriesAFailedIntentInItsLaneThenDeadLettersItAndGoesOnWithItsKey() throws Exception {
        send("bad key");                        // 0: fails every attempt
        send("bad key");                        // 1: same key, waits for 0
        send(UUID.randomUUID().toString());     // 2: another key, does not wait
        start(4, 100, 5, failing(0L, Integer.MAX_VALUE, new IllegalArgumentException("no such note")));

        await().atMost(PATIENCE).until(() -> processed.size() == 2);
        assertThat(processed).containsExactly(2L, 1L);
        assertThat(attempts.get(0L)).hasValue(3);
        assertThat(deadLetters).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isZero();
            assertThat(entry.getValue()).hasMessage("no such note");
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(3L));
    }

    @Test
    void retriesAnInfrastructureFailureBeyondTheAttemptsUntilItIsBack() throws Exception {
        send(UUID.randomUUID().toString());
        start(4, 100, 5, failing(0L, 6, new TransientDataAccessResourceException("database unavailable")));

        await().atMost(PATIENCE).until(() -> processed.size() == 1);
        assertThat(attempts.get(0L)).hasValue(7);
        assertThat(deadLetters).isEmpty();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(1L));
    }

    @Test
    void deadLettersAPoisonRecordAtOnceAndCommitsPastIt() throws Exception {
        producer.send(new ProducerRecord<>(topic, "poison", "not json".getBytes(StandardCharsets.UTF_8))).get();
        send(UUID.randomUUID().toString());
        start(4, 100, 5, intent -> { });

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(committed()).isEqualTo(2L));
        assertThat(deadLetters).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isZero();
            assertThat(entry.getValue()).isInstanceOf(DeserializationException.class);
        });
        assertThat(processed).containsExactly(1L);
    }

    @Test
    void sharesThePartitionsWithASecondInstanceAndLosesNoIntentOnTheRebalance() throws Exception {
        String shared = "intents.notes-" + UUID.randomUUID() + ".v1";
        admin.createTopics(List.of(new NewTopic(shared, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Set<String> sent = ConcurrentHashMap.newKeySet();
        long[] ends = new long[2];
        for (int i = 0; i < 60; i++) {
            CloudEvent intent = Notes.intent(UUID.randomUUID().toString());
            int partition = producer.send(new ProducerRecord<>(shared, intent.correlationId(), codec.write(intent)))
                    .get().partition();
            ends[partition]++;
            sent.add(intent.id());
        }
        Set<String> done = ConcurrentHashMap.newKeySet();
        Consumer<CloudEvent> slowly = intent -> {
            awaitRelease();
            done.add(intent.id());
        };

        start(shared, 4, 100, 5, slowly);
        await().atMost(PATIENCE).until(() -> started.get(0).inFlight() > 0);
        // the group rebalances while the first instance's intents are unfinished
        ParallelIntentConsumer second = start(shared, 4, 100, 5, slowly);
        await().atMost(PATIENCE).until(() -> second.inFlight() > 0);
        release.countDown();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(done).containsExactlyInAnyOrderElementsOf(sent));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(List.of(committed(shared, 0), committed(shared, 1)))
                .containsExactly(ends[0], ends[1]));
    }

    // --- fixtures

    private ParallelIntentConsumer start(int parallelism, int maxInFlight, int maxPollRecords,
            Consumer<CloudEvent> work) {
        return start(topic, parallelism, maxInFlight, maxPollRecords, work);
    }

    private ParallelIntentConsumer start(String consumed, int parallelism, int maxInFlight, int maxPollRecords,
            Consumer<CloudEvent> work) {
        DefaultKafkaConsumerFactory<String, CloudEvent> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
        ParallelIntentConsumer consumer = new ParallelIntentConsumer(consumers, List.of(consumed), group,
                intent -> {
                    long offset = offsets.getOrDefault(intent.id(), -1L);
                    attempts.computeIfAbsent(offset, o -> new AtomicInteger()).incrementAndGet();
                    work.accept(intent);
                    processed.add(offset);
                },
                (record, failure) -> deadLetters.add(Map.entry(record.offset(), failure)),
                new FixedBackOff(10, 2), new FixedBackOff(10, FixedBackOff.UNLIMITED_ATTEMPTS), parallelism,
                maxInFlight, Duration.ofMillis(500));
        consumer.start();
        started.add(consumer);
        return consumer;
    }

    /** Work that waits for {@link #release} on the records with the key. */
    private Consumer<CloudEvent> holdingBack(String key) {
        return intent -> {
            if (key.equals(intent.correlationId())) {
                awaitRelease();
            }
        };
    }

    /** Work that fails the record at the offset its first {@code times} attempts. */
    private Consumer<CloudEvent> failing(long offset, int times, RuntimeException failure) {
        return intent -> {
            if (offsets.get(intent.id()) == offset && attempts.get(offset).get() <= times) {
                throw failure;
            }
        };
    }

    private void awaitRelease() {
        try {
            if (!release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held back", e);
        }
    }

    private void send(String key) throws Exception {
        CloudEvent intent = Notes.intent(key);
        offsets.put(intent.id(), producer.send(new ProducerRecord<>(topic, key, codec.write(intent))).get().offset());
    }

    private Long committed() throws Exception {
        return committed(topic, 0);
    }

    private Long committed(String committedTopic, int partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).get(new TopicPartition(committedTopic, partition));
        return offset == null ? null : offset.offset();
    }
}
