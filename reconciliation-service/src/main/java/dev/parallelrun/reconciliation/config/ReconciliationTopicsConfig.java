package dev.parallelrun.reconciliation.config;

import dev.parallelrun.events.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service owns, and only those (docs/operations.md, "Topics and their owners"): the
 * verdict topic, the authoritative stream ({@code outcomes.authoritative.v1}, keyed by correlation id like the
 * outcome topics it is taken from), and the dead-letter topics of everything it consumes (both outcome topics and the
 * verdict topic). The outcome topics themselves belong to their producers (the legacy adapter, the
 * shadow service); until they exist the correlation waits for them. A dead-letter topic gets the
 * configured partition count, the same as its source's (a dead letter keeps its partition number).
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationTopicsConfig {

    /** The names, so that a test can pin exactly what this service declares. */
    static final List<String> OWNED = List.of(
            Topics.VERDICTS,
            Topics.AUTHORITATIVE_OUTCOMES,
            Topics.deadLetter(Topics.VERDICTS),
            Topics.deadLetter(Topics.OUTCOMES_LEGACY),
            Topics.deadLetter(Topics.OUTCOMES_SHADOW));

    @Bean
    KafkaAdmin.NewTopics reconciliationTopics(ReconciliationProperties properties) {
        return new KafkaAdmin.NewTopics(declare(properties.topics()));
    }

    static NewTopic[] declare(ReconciliationProperties.Topics topics) {
        return OWNED.stream()
                .map(name -> TopicBuilder.name(name)
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas()))
                        .build())
                .toArray(NewTopic[]::new);
    }
}
