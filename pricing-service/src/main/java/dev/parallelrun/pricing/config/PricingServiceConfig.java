package dev.parallelrun.pricing.config;

import dev.parallelrun.pricing.domain.PremiumCalculator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free premium model; everything a participant shares comes from the participant kit. */
@Configuration(proxyBeanMethods = false)
class PricingServiceConfig {

    @Bean
    PremiumCalculator premiumCalculator() {
        return new PremiumCalculator();
    }
}
