package dev.parallelrun.reconciliation.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupTopicLagTest {

    private static TopicPartition p(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void sumsPartitionLagsPerTopicAndKeepsTheWorstPartition() {
        var lags = GroupTopicLag.of("claims-service",
                Map.of(p("intents.claims.v1", 0), 10L, p("intents.claims.v1", 1), 4L, p("other.v1", 0), 7L),
                Map.of(p("intents.claims.v1", 0), 12L, p("intents.claims.v1", 1), 9L, p("other.v1", 0), 7L));

        assertThat(lags).containsExactly(
                new GroupTopicLag("claims-service", "intents.claims.v1", 7, 5),
                new GroupTopicLag("claims-service", "other.v1", 0, 0));
    }

    @Test
    void countsNoNegativeLagAndSkipsPartitionsWithoutAnEndOffset() {
        var lags = GroupTopicLag.of("g", Map.of(p("t", 0), 11L, p("t", 1), 3L), Map.of(p("t", 0), 10L));

        assertThat(lags).containsExactly(new GroupTopicLag("g", "t", 0, 0));
    }
}
