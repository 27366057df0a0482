package dev.parallelrun.claims.config;

import dev.parallelrun.claims.domain.ClaimDecider;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the framework-free pieces: the decision rules and the participant library. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClaimsServiceProperties.class)
@EnableScheduling
class ClaimsServiceConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

    @Bean
    ClaimDecider claimDecider() {
        return new ClaimDecider();
    }

    @Bean
    Participant participant(ClaimsServiceProperties properties, Clock clock, EventCodec codec) {
        return new Participant(Side.SHADOW, properties.source(), clock, codec);
    }
}
