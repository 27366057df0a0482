package dev.parallelrun.reconciliation.authority.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.authority.AuthorityProperties;
import dev.parallelrun.reconciliation.config.ReconciliationProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@code authority.decisions.v1}, which this service owns: compacted (key = context, so it keeps each context's latest
 * decision for every reader that starts from the beginning), partitions and replication as every topic the service
 * declares; and its producer: {@code acks=all}, idempotent.
 */
@Configuration(proxyBeanMethods = false)
class AuthorityMessagingConfig {

    static NewTopic decisionTopic(ReconciliationProperties.Topics topics) {
        return TopicBuilder.name(Topics.AUTHORITY_DECISIONS)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas()))
                .build();
    }

    @Bean
    KafkaAdmin.NewTopics authorityTopics(ReconciliationProperties properties) {
        return new KafkaAdmin.NewTopics(decisionTopic(properties.topics()));
    }

    @Bean
    KafkaTemplate<String, CloudEvent> authorityDecisionTemplate(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, AuthorityProperties authority) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciliation-service-authority-decisions");
        int timeout = (int) authority.publishTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                new CloudEventSerializer()));
    }
}
