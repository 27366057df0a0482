package dev.parallelrun.reconciliation.replay.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.replay.ReplayProperties;
import dev.parallelrun.reconciliation.replay.application.IntentRecord;
import dev.parallelrun.reconciliation.replay.application.ReplayExecution;
import dev.parallelrun.reconciliation.replay.application.ReplayFailedException;
import dev.parallelrun.reconciliation.replay.application.ReplayRun;
import dev.parallelrun.reconciliation.replay.application.SelectedIntent;
import dev.parallelrun.reconciliation.replay.application.TopicRange;
import dev.parallelrun.reconciliation.replay.domain.InvalidReplayException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay on Kafka. The range of a time span is found by record timestamp ({@code offsetsForTimes}) and fixed when the
 * replay is requested; a span that starts before the oldest record the topic still retains is refused, because intents
 * of it are gone. Reading is {@code read_committed}. Publishing is consume-transform-produce in Kafka transactions: each
 * transaction carries the replayed intents and, as the replay's consumer-group offsets, the position reached and the
 * count published (offset metadata), so a replay resumed after a crash starts exactly after the last committed intent
 * and publishes none twice. The transactional id is the replay's: a resumed run fences any earlier one still alive.
 */
public class KafkaReplayExecution implements ReplayExecution {

    private static final Logger log = LoggerFactory.getLogger(KafkaReplayExecution.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String PUBLISHED = "published=";

    private final String bootstrapServers;
    private final ReplayProperties properties;
    private final Clock clock;
    private final EventCodec codec = EventCodec.standard();

    public KafkaReplayExecution(String bootstrapServers, ReplayProperties properties, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
        this.clock = clock;
    }

    /** What every replay's consumer group name starts with. */
    public static final String GROUP_PREFIX = "reconciliation-service.replay.";

    /** The consumer group (offsets only, never subscribed) and the transactional id of a replay. */
    static String groupId(String replayId) {
        return GROUP_PREFIX + replayId;
    }

    @Override
    public void forget(String replayId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.deleteConsumerGroups(List.of(groupId(replayId))).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                log.warn("replay {}: could not delete its consumer group: {}", replayId, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("replay {}: could not delete its consumer group within 10 s", replayId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public TopicRange range(String context, Instant from, Instant to) {
        String topic = Topics.intents(context);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                throw new InvalidReplayException("context", "no intent topic " + topic + ": nothing was ever accepted for '"
                        + context + "'");
            }
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                Instant oldest = oldestRetained(consumer, partition, beginning.get(partition), end.get(partition));
                if (oldest != null && from.isBefore(oldest)) {
                    throw new InvalidReplayException("from", "from (" + from + ") is beyond the retention of " + topic
                            + ": partition " + partition.partition() + " retains intents from " + oldest
                            + " on; older ones are deleted and cannot be replayed");
                }
            }
            Map<Integer, Long> starts = offsets(consumer, partitions, from, end);
            Map<Integer, Long> ends = offsets(consumer, partitions, to, end);
            return new TopicRange(starts, ends);
        }
    }

    /** The timestamp of the oldest record still in the partition when older ones were deleted, else {@code null}. */
    private static Instant oldestRetained(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long beginning,
            long end) {
        if (beginning == 0 || beginning >= end) {
            // nothing deleted; or everything, and then when it was written is unknown: there is nothing left to miss
            return null;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, beginning);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                return Instant.ofEpochMilli(record.timestamp());
            }
            if (consumer.position(partition) >= end) {
                return null; // only transaction markers or aborted records: nothing older to miss
            }
        }
        throw new IllegalStateException("could not read the oldest record of " + partition + " within 10 s");
    }

    private static Map<Integer, Long> offsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Instant at, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = partitions.stream().collect(Collectors.toMap(p -> p, p -> at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<Integer, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            offsets.put(partition.partition(), offset == null ? end.get(partition) : offset.offset());
        }
        return offsets;
    }

    @Override
    public void read(ReplayRun run, Consumer<List<IntentRecord>> batches) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            Map<TopicPartition, Long> ends = assign(consumer, run, Map.of());
            while (!done(consumer, ends)) {
                List<IntentRecord> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : poll(consumer, run)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        CloudEvent intent = original(record, run);
                        if (intent != null) {
                            batch.add(new IntentRecord(intent.id(), intent.correlationId()));
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    batches.accept(batch);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("replay " + run.replayId() + ": interrupted while selecting");
                }
            }
        }
    }

    @Override
    public Published publish(ReplayRun run, Selection selection, Control control) {
        String group = groupId(run.replayId());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group);
                KafkaProducer<String, byte[]> producer = producer(group)) {
            producer.initTransactions(); // fences an earlier holder of this replay that is still alive
            TopicPartition any = new TopicPartition(Topics.intents(run.context()), 0);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(
                    run.startOffsets().keySet().stream().map(p -> new TopicPartition(any.topic(), p)).collect(Collectors.toSet()));
            long published = publishedOf(committed);
            Map<TopicPartition, Long> resume = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    resume.put(partition, offset.offset());
                }
            });
            Map<TopicPartition, Long> ends = assign(consumer, run, resume);
            Pacer pacer = new Pacer(run.ratePerSecond());
            ConsumerGroupMetadata metadata = consumer.groupMetadata(); // the group its offsets are committed in, unsubscribed
            while (!done(consumer, ends)) {
                ConsumerRecords<byte[], byte[]> records = poll(consumer, run);
                List<ConsumerRecord<byte[], byte[]>> inRange = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        inRange.add(record);
                    }
                }
                Map<ConsumerRecord<byte[], byte[]>, CloudEvent> originals = new LinkedHashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : inRange) {
                    CloudEvent intent = original(record, run);
                    if (intent != null) {
                        originals.put(record, intent);
                    }
                }
                Map<String, List<SelectedIntent>> selected = originals.isEmpty() ? Map.of()
                        : selection.of(originals.values().stream().map(CloudEvent::id).toList());
                // positions after this poll's records, per partition: what a transaction commits once it covers them
                Map<TopicPartition, Long> next = new HashMap<>();
                boolean open = false;
                long transactionStarted = 0;
                for (ConsumerRecord<byte[], byte[]> record : inRange) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    CloudEvent original = originals.get(record);
                    List<SelectedIntent> copies = original == null ? List.of() : selected.getOrDefault(original.id(), List.of());
                    for (SelectedIntent copy : copies) {
                        if (!open) {
                            producer.beginTransaction();
                            open = true;
                            transactionStarted = System.nanoTime();
                        }
                        pacer.await();
                        producer.send(replayed(run, original, copy));
                        published++;
                    }
                    next.put(partition, record.offset() + 1);
                    if (open && System.nanoTime() - transactionStarted >= properties.transactionInterval().toNanos()) {
                        commit(producer, next, published, metadata);
                        open = false;
                        if (!control.committed(published)) {
                            return new Published(published, false);
                        }
                    }
                }
                // the rest of the poll: positions past records nobody selected are committed too
                for (TopicPartition partition : consumer.assignment()) {
                    next.put(partition, Math.min(consumer.position(partition), ends.get(partition)));
                }
                if (!open) {
                    producer.beginTransaction();
                }
                commit(producer, next, published, metadata);
                if (!control.committed(published)) {
                    return new Published(published, false);
                }
            }
            return new Published(published, true);
        } catch (ProducerFencedException e) {
            log.info("replay {}: another instance took it over ({})", run.replayId(), e.getMessage());
            return new Published(run.published(), false);
        } catch (OffsetOutOfRangeException e) {
            throw new ReplayFailedException("the intents of the range were deleted from " + Topics.intents(run.context())
                    + " (retention) before the replay read them: " + e.getMessage(), e);
        }
    }

    private static void commit(KafkaProducer<String, byte[]> producer, Map<TopicPartition, Long> next, long published,
            ConsumerGroupMetadata metadata) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset, PUBLISHED + published)));
        producer.sendOffsetsToTransaction(offsets, metadata);
        producer.commitTransaction();
    }

    private static long publishedOf(Map<TopicPartition, OffsetAndMetadata> committed) {
        long published = 0;
        for (OffsetAndMetadata offset : committed.values()) {
            if (offset != null && offset.metadata() != null && offset.metadata().startsWith(PUBLISHED)) {
                published = Math.max(published, Long.parseLong(offset.metadata().substring(PUBLISHED.length())));
            }
        }
        return published;
    }

    private ProducerRecord<String, byte[]> replayed(ReplayRun run, CloudEvent original, SelectedIntent copy) {
        CloudEvent replayed = original.replayedAs(copy.eventId(), copy.correlationId(), run.replayId(), run.kind(),
                clock.instant());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.intents(run.context()), copy.correlationId(),
                codec.write(replayed));
        record.headers().add(Headers.REPLAY_ID, run.replayId().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The intent of the run's context this record holds, if it is an original (never a replay or a fallback). */
    private CloudEvent original(ConsumerRecord<byte[], byte[]> record, ReplayRun run) {
        if (record.value() == null || record.headers().lastHeader(Headers.REPLAY_ID) != null) {
            return null;
        }
        try {
            CloudEvent event = codec.read(record.value());
            if (event.isReplay() || event.isFallback() || event.side() != null
                    || !run.context().equals(event.boundedContext()) || event.correlationId() == null) {
                return null;
            }
            return event;
        } catch (RuntimeException e) {
            log.debug("replay {}: skipping an unreadable record at {}-{}@{}", run.replayId(), record.topic(),
                    record.partition(), record.offset());
            return null;
        }
    }

    private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer, ReplayRun run,
            Map<TopicPartition, Long> resume) {
        String topic = Topics.intents(run.context());
        Map<TopicPartition, Long> ends = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<Integer, Long> start : run.startOffsets().entrySet()) {
            TopicPartition partition = new TopicPartition(topic, start.getKey());
            partitions.add(partition);
            ends.put(partition, run.endOffsets().get(start.getKey()));
        }
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, resume.getOrDefault(partition, run.startOffsets().get(partition.partition())));
        }
        return ends;
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private ConsumerRecords<byte[], byte[]> poll(KafkaConsumer<byte[], byte[]> consumer, ReplayRun run) {
        try {
            return consumer.poll(POLL);
        } catch (OffsetOutOfRangeException e) {
            throw new ReplayFailedException("the intents of the range were deleted from " + Topics.intents(run.context())
                    + " (retention) before the replay read them: " + e.getMessage(), e);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reconciliation-service-replay");
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciliation-service-replay");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Spaces sends at most {@code rate} a second (not a burst then a pause: the participants see a steady stream). */
    private static final class Pacer {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Pacer(int ratePerSecond) {
            this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        }

        void await() {
            long now = System.nanoTime();
            if (next > now) {
                LockSupport.parkNanos(next - now);
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while pacing a replay");
                }
            }
            next = Math.max(next, now) + intervalNanos;
        }
    }
}
