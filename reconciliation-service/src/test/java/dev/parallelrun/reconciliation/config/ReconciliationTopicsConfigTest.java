package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class ReconciliationTopicsConfigTest {

    @Test
    void declaresOnlyTheVerdictTopicTheAuthoritativeStreamAndTheDeadLetterTopicsOfWhatItConsumes() {
        assertThat(ReconciliationTopicsConfig.OWNED).containsExactlyInAnyOrder(
                "reconciliation.verdicts.v1", "outcomes.authoritative.v1", "reconciliation.verdicts.v1.dlq",
                "outcomes.legacy.v1.dlq", "outcomes.shadow.v1.dlq");
        assertThat(ReconciliationTopicsConfig.OWNED).doesNotContain(Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW);
    }

    @Test
    void declaresThemWithTheConfiguredReplicationAndMinInsyncReplicas() {
        var topics = new ReconciliationProperties.Topics(6, (short) 3, 2);

        NewTopic[] declared = ReconciliationTopicsConfig.declare(topics);

        assertThat(declared).hasSize(5).allSatisfy((NewTopic topic) -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        });
    }
}
