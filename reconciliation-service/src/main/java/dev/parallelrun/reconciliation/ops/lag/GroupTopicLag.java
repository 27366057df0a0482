package dev.parallelrun.reconciliation.ops.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of one consumer group on one topic: records committed to the topic (up to the last stable
 * offset, as read-committed consumers see it) that the group has not committed yet, summed over the
 * partitions it has committed offsets for.
 *
 * @param maxPartitionLag the largest lag of one partition, which shows a stuck partition among idle ones
 */
record GroupTopicLag(String group, String topic, long lag, long maxPartitionLag) {

    /**
     * Computes the lags of one group.
     *
     * @param committed  the group's committed offsets (a partition without one is not counted)
     * @param endOffsets the topics' end offsets; a partition missing here is not counted
     */
    static List<GroupTopicLag> of(String group, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets) {
        Map<String, long[]> byTopic = new TreeMap<>();
        committed.forEach((partition, offset) -> {
            Long end = endOffsets.get(partition);
            if (offset == null || end == null) {
                return;
            }
            // an offset beyond the end (e.g. after a transaction marker) is no lag
            long lag = Math.max(0, end - offset);
            long[] sum = byTopic.computeIfAbsent(partition.topic(), t -> new long[2]);
            sum[0] += lag;
            sum[1] = Math.max(sum[1], lag);
        });
        List<GroupTopicLag> lags = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, sum) -> lags.add(new GroupTopicLag(group, topic, sum[0], sum[1])));
        return lags;
    }
}
