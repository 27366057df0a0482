package dev.parallelrun.adapter.it;

import dev.parallelrun.events.Topics;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service reads but does not own, declared as their owner (the ingress) would: the
 * in-process broker, like production, creates no topic on first use. Declared as {@link KafkaAdmin.NewTopics},
 * so that the service's own {@code NewTopic} beans stay distinguishable.
 */
@TestConfiguration(proxyBeanMethods = false)
class UpstreamTopics {

    @Bean
    KafkaAdmin.NewTopics intentTopicsOwnedByTheIngress() {
        String claims = Topics.intents("claims");
        String pricing = Topics.intents("pricing");
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(claims).partitions(3).replicas(1).build(),
                TopicBuilder.name(Topics.deadLetter(claims)).partitions(3).replicas(1).build(),
                TopicBuilder.name(pricing).partitions(3).replicas(1).build(),
                TopicBuilder.name(Topics.deadLetter(pricing)).partitions(3).replicas(1).build());
    }
}
