package dev.parallelrun.legacysystem.config;

import dev.parallelrun.legacysystem.claims.domain.LegacyClaimProcessor;
import dev.parallelrun.legacysystem.claims.domain.LegacyQuirks;
import dev.parallelrun.legacysystem.pricing.domain.LegacyPremiumModel;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free domain of the stand-in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LegacySystemProperties.class)
class LegacySystemConfiguration {

    @Bean
    LegacyClaimProcessor legacyClaimProcessor() {
        return new LegacyClaimProcessor();
    }

    @Bean
    LegacyPremiumModel legacyPremiumModel() {
        return new LegacyPremiumModel();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LegacyQuirks legacyQuirks(LegacySystemProperties properties) {
        return new LegacyQuirks(properties.failureRate());
    }
}
