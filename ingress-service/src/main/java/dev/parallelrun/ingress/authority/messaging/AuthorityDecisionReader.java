package dev.parallelrun.ingress.authority.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every authority decision on {@code authority.decisions.v1} into {@link IntentAuthority}, on a daemon thread,
 * for as long as the ingress runs.
 *
 * <p>A plain consumer, manually assigned to every partition and reading from the beginning, with no consumer group and
 * no committed offsets: every ingress instance must know every context's decision, and the topic is compacted, so
 * reading it whole is reading each context's latest decision (plus a few not compacted yet, which the later ones
 * replace). Once its position reaches the end offsets it saw at start-up, the ingress is caught up and accepts intents.
 *
 * <p>The reconciliation service creates the topic: while it does not exist, there is no decision (every context is
 * legacy's), the ingress is caught up, and the reader looks for the topic again every {@code topicRetry}. A record that
 * is not a decision event is logged and skipped: it must not stop the ingress from reading the next decision. A
 * tombstone deletes its context's decision.
 */
public final class AuthorityDecisionReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuthorityDecisionReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;
    private final IntentAuthority authority;
    private final EventCodec codec;
    private final Duration topicRetry;
    private final Duration startupWait;
    private final String topic;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;

    /**
     * @param kafkaConfig the client settings (bootstrap servers, security); the reader sets its own deserializers,
     *                    and no group
     * @param topicRetry  how often to look for the topic while it does not exist, and to wait after a broker failure
     * @param startupWait how long the start-up of the ingress waits for the decisions in force to be read, so that it
     *                    is ready when it starts listening; after that, intents are refused (503) until they are
     */
    public AuthorityDecisionReader(Map<String, Object> kafkaConfig, IntentAuthority authority, EventCodec codec,
            Duration topicRetry, Duration startupWait) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // unique: several ingress instances may share a JVM (the tests), and a client id registers an MBean
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingress-authority-decisions-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig = Map.copyOf(config);
        this.authority = authority;
        this.codec = codec;
        this.topicRetry = topicRetry;
        this.startupWait = startupWait;
        this.topic = Topics.AUTHORITY_DECISIONS;
    }

    @Override
    public void start() {
        Thread reader = new Thread(this::run, "authority-decision-reader");
        reader.setDaemon(true);
        thread = reader;
        reader.start();
        if (!authority.awaitCaughtUp(startupWait)) {
            log.warn("The authority decisions in force are not read after {}: intents are refused (503) until they are",
                    startupWait);
        }
    }

    @Override
    public void stop() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread reader = thread;
        if (reader != null) {
            try {
                reader.join(METADATA_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
            consumer = kafka;
            Map<TopicPartition, Long> startUpEnd = null;
            while (!stopped()) {
                try {
                    if (kafka.assignment().isEmpty()) {
                        startUpEnd = assign(kafka, startUpEnd);
                        if (kafka.assignment().isEmpty()) {
                            pause(topicRetry);
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        read(record);
                    }
                    if (!authority.caughtUp() && startUpEnd != null && reached(kafka, startUpEnd)) {
                        authority.markCaughtUp();
                    }
                } catch (WakeupException e) {
                    if (stopped()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // the broker unreachable, a timeout: the decisions in force stay in force, the reader keeps trying
                    log.warn("Reading {} failed; trying again in {}", topic, topicRetry, e);
                    pause(topicRetry);
                }
            }
        } catch (RuntimeException e) {
            if (!stopped()) {
                log.error("The authority decision reader stopped: the ingress stamps no further decision", e);
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * Assigns every partition of the topic, from the beginning. The first time, notes the end offsets to catch up
     * with; a topic that does not exist yet holds no decision, so the ingress is caught up without it.
     */
    private Map<TopicPartition, Long> assign(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> startUpEnd) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            if (!authority.caughtUp()) {
                log.info("Topic {} does not exist yet: no authority decision, every intent is legacy's until one is "
                        + "read", topic);
                authority.markCaughtUp();
            }
            return startUpEnd;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        // before assigning: if the broker does not answer, nothing is assigned and the next attempt starts over
        Map<TopicPartition, Long> end = startUpEnd == null && !authority.caughtUp()
                ? kafka.endOffsets(partitions, METADATA_TIMEOUT)
                : startUpEnd;
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        log.info("Reading authority decisions from {} partition(s) of {}", partitions.size(), topic);
        return end;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(partition -> kafka.position(partition.getKey()) >= partition.getValue());
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                authority.forgotten(record.key());
            }
            return;
        }
        try {
            CloudEvent event = codec.read(record.value());
            if (!AuthorityDecided.EVENT_TYPE.equals(event.type())) {
                throw new IllegalArgumentException("expected an event of type " + AuthorityDecided.EVENT_TYPE
                        + " but got " + event.type());
            }
            authority.decided(codec.data(event.data(), AuthorityDecided.class));
        } catch (RuntimeException e) {
            log.warn("Skipping record {}-{}@{} (key {}): not an authority decision: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }

    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
