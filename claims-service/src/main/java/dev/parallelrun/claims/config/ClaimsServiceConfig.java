package dev.parallelrun.claims.config;

import dev.parallelrun.claims.domain.ClaimDecider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free decision rules; everything a participant shares comes from the participant kit. */
@Configuration(proxyBeanMethods = false)
class ClaimsServiceConfig {

    @Bean
    ClaimDecider claimDecider() {
        return new ClaimDecider();
    }
}
