package dev.parallelrun.claims.config;

import dev.parallelrun.claims.application.InjectedFaults;
import dev.parallelrun.claims.application.InjectedSkew;
import dev.parallelrun.claims.domain.ClaimDecider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free decision rules; everything a participant shares comes from the participant kit. */
@Configuration(proxyBeanMethods = false)
class ClaimsServiceConfig {

    @Bean
    ClaimDecider claimDecider() {
        return new ClaimDecider();
    }

    @Bean
    InjectedFaults injectedFaults(@Value("${claims-service.fault-injection.fail-claims:}") String failClaims) {
        return InjectedFaults.failingClaimsMatching(failClaims);
    }

    @Bean
    InjectedSkew injectedSkew(@Value("${claims-service.fault-injection.skew-risk-score-claims:}") String skewClaims) {
        return InjectedSkew.skewingClaimsMatching(skewClaims);
    }
}
