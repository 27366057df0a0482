package dev.parallelrun.reconciliation.ops.lag;

import dev.parallelrun.reconciliation.ops.metrics.ReconciliationMetricsProperties;
import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import dev.parallelrun.reconciliation.replay.messaging.KafkaReplayExecution;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Kafka admin API, periodically, for every watched consumer group's committed offsets and the
 * topics' end offsets, and exposes
 * <ul>
 *   <li>{@code parallelrun_consumer_group_lag{group,topic}}: records not yet consumed, summed over partitions;</li>
 *   <li>{@code parallelrun_consumer_group_lag_max_partition{group,topic}}: the largest single-partition lag;</li>
 *   <li>{@code parallelrun_dead_letter_records{topic}}: records ever written to each {@code *.dlq} topic
 *       (the sum of its end offsets), whichever service wrote them;</li>
 *   <li>{@code parallelrun_consumer_lag_last_success_timestamp_seconds}: when the last complete read succeeded.</li>
 * </ul>
 * The Kafka Streams correlation commits its input offsets as consumer group {@code reconciliation-service}
 * (its application id), so it is covered like any other group. Labels are bounded by the groups and topics
 * of the deployment; discovered groups are capped.
 */
final class ConsumerLagMonitor extends PeriodicTask implements AutoCloseable {

    static final String DEAD_LETTER_SUFFIX = ".dlq";
    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final Admin admin;
    private final ReconciliationMetricsProperties.ConsumerLag settings;
    private final Clock clock;
    private final MultiGauge lag;
    private final MultiGauge maxPartitionLag;
    private final MultiGauge deadLetters;
    private final AtomicLong lastSuccessSeconds = new AtomicLong();
    private boolean warnedAboutCap;

    ConsumerLagMonitor(Admin admin, ReconciliationMetricsProperties.ConsumerLag settings, Clock clock,
            MeterRegistry registry) {
        super("consumer-lag-monitor", settings.interval());
        this.admin = admin;
        this.settings = settings;
        this.clock = clock;
        this.lag = MultiGauge.builder("parallelrun.consumer.group.lag")
                .description("Records committed to a topic that the consumer group has not consumed yet")
                .register(registry);
        this.maxPartitionLag = MultiGauge.builder("parallelrun.consumer.group.lag.max.partition")
                .description("The largest lag of a single partition of the topic for the consumer group")
                .register(registry);
        this.deadLetters = MultiGauge.builder("parallelrun.dead.letter.records")
                .description("Records ever written to a dead-letter topic (the sum of its partitions' end offsets)")
                .register(registry);
        Gauge.builder("parallelrun.consumer.lag.last.success.timestamp", lastSuccessSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("When the consumer lag was last read completely (epoch seconds)")
                .register(registry);
    }

    /** One complete read: groups, their offsets, end offsets and dead-letter topics. */
    void poll() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
        for (String group : groups()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            committedByGroup.put(group, committed);
        }
        Set<String> deadLetterTopics = new HashSet<>();
        for (String topic : admin.listTopics().names().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
            if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
                deadLetterTopics.add(topic);
            }
        }
        Set<TopicPartition> partitions = new HashSet<>();
        committedByGroup.values().forEach(committed -> partitions.addAll(committed.keySet()));
        partitions.addAll(partitionsOf(deadLetterTopics));
        Map<TopicPartition, Long> endOffsets = endOffsets(partitions);

        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> maxRows = new ArrayList<>();
        committedByGroup.forEach((group, committed) -> {
            for (GroupTopicLag topicLag : GroupTopicLag.of(group, committed, endOffsets)) {
                Tags tags = Tags.of("group", topicLag.group(), "topic", topicLag.topic());
                lagRows.add(MultiGauge.Row.of(tags, topicLag.lag()));
                maxRows.add(MultiGauge.Row.of(tags, topicLag.maxPartitionLag()));
            }
        });
        Map<String, Long> deadLetterRecords = new TreeMap<>();
        deadLetterTopics.forEach(topic -> deadLetterRecords.put(topic, 0L));
        endOffsets.forEach((partition, end) -> {
            if (deadLetterTopics.contains(partition.topic())) {
                deadLetterRecords.merge(partition.topic(), end, Long::sum);
            }
        });
        List<MultiGauge.Row<?>> deadLetterRows = new ArrayList<>();
        deadLetterRecords.forEach((topic, records) -> deadLetterRows.add(MultiGauge.Row.of(Tags.of("topic", topic), records)));

        lag.register(lagRows, true);
        maxPartitionLag.register(maxRows, true);
        deadLetters.register(deadLetterRows, true);
        lastSuccessSeconds.set(clock.instant().getEpochSecond());
    }

    private Collection<String> groups() throws InterruptedException, ExecutionException, TimeoutException {
        if (!settings.groups().isEmpty()) {
            return settings.groups();
        }
        Collection<GroupListing> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        // a replay's group holds its position in a fixed range of an intent topic: it never reads on, and would look
        // ever more behind while it runs (it is deleted when the replay ends)
        List<String> names = listed.stream().map(GroupListing::groupId)
                .filter(group -> !group.startsWith(KafkaReplayExecution.GROUP_PREFIX)).sorted().toList();
        if (names.size() > settings.maxGroups()) {
            if (!warnedAboutCap) {
                log.warn("{} consumer groups found, watching the first {} (reconciliation.metrics.consumer-lag.max-groups); "
                        + "list the groups to watch in reconciliation.metrics.consumer-lag.groups", names.size(),
                        settings.maxGroups());
                warnedAboutCap = true;
            }
            return names.subList(0, settings.maxGroups());
        }
        return names;
    }

    private List<TopicPartition> partitionsOf(Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        var result = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // keep the last values; the last-success gauge shows that they are getting old
            log.warn("could not read consumer lag: {}", e.toString());
        }
    }

    @Override
    protected void runOnce() {
        pollQuietly();
    }

    @Override
    public void close() {
        stop();
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
