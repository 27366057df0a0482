package dev.parallelrun.reconciliation;

import dev.parallelrun.events.Topics;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The outcome and intent topics this service reads but does not own, declared as their owners (the legacy adapter,
 * the shadow service) would: the in-process broker, like production, creates no topic on first use.
 */
@TestConfiguration(proxyBeanMethods = false)
public class UpstreamTopics {

    @Bean
    KafkaAdmin.NewTopics outcomeTopicsOwnedByTheParticipants() {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.OUTCOMES_LEGACY).partitions(3).replicas(1).build(),
                TopicBuilder.name(Topics.OUTCOMES_SHADOW).partitions(3).replicas(1).build(),
                // the ingress's: read for expectations, written to by the fallback
                TopicBuilder.name(Topics.intents("claims")).partitions(3).replicas(1).build());
    }
}
