package dev.parallelrun.pricing;

import dev.parallelrun.events.Topics;
import dev.parallelrun.events.pricing.PricingContract;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service reads but does not own, declared as their owner (the ingress) would: the in-process broker,
 * like production, creates no topic on first use. Declared as {@link KafkaAdmin.NewTopics}, so that the service's own
 * {@code NewTopic} beans stay distinguishable.
 */
@TestConfiguration(proxyBeanMethods = false)
class UpstreamTopics {

    @Bean
    KafkaAdmin.NewTopics intentTopicsOwnedByTheIngress() {
        String intents = Topics.intents(PricingContract.CONTEXT);
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(intents).partitions(3).replicas(1).build(),
                TopicBuilder.name(Topics.deadLetter(intents)).partitions(3).replicas(1).build());
    }
}
