package dev.parallelrun.ingress.authority.config;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.ingress.authority.domain.DecisionsInForce;
import dev.parallelrun.ingress.authority.messaging.AuthorityDecisionReader;
import dev.parallelrun.ingress.config.IngressProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Authority stamping: the decisions in force ({@link IntentAuthority}), read from {@code authority.decisions.v1} by
 * {@link AuthorityDecisionReader} with the client settings of {@code spring.kafka.consumer}, and the health indicator
 * {@code authorityDecisions}, part of the readiness group: an instance that has not read the decisions in force is not
 * ready (it would refuse intents with 503 anyway).
 */
@Configuration(proxyBeanMethods = false)
class AuthorityConfiguration {

    @Bean
    IntentAuthority intentAuthority(MeterRegistry registry) {
        return new IntentAuthority(new DecisionsInForce(), registry);
    }

    @Bean
    AuthorityDecisionReader authorityDecisionReader(KafkaProperties kafka, IntentAuthority authority,
            IngressProperties properties) {
        IngressProperties.Authority settings = properties.authority();
        return new AuthorityDecisionReader(kafka.buildConsumerProperties(), authority, EventCodec.standard(),
                settings.topicRetry(), settings.startupWait());
    }

    @Bean
    HealthIndicator authorityDecisionsHealthIndicator(IntentAuthority authority) {
        return () -> authority.caughtUp()
                ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the authority decisions in force").build();
    }
}
