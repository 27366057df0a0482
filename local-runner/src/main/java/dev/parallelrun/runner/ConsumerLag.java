package dev.parallelrun.runner;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind the end of the topics it reads: which service a falling-behind pipeline waits
 * for. Counted in offsets, so a transactional topic's commit markers make it a few records high.
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records not yet consumed, per consumer group (groups with committed offsets only), by group name. */
    Map<String, Long> byGroup() throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        for (var group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            if (latest.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            lag.put(group.groupId(), behind);
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
