package dev.parallelrun.adapter.config;

import dev.parallelrun.adapter.claims.application.LegacyClaimsSystem;
import dev.parallelrun.adapter.claims.legacy.HttpLegacyClaimsSystem;
import dev.parallelrun.adapter.pricing.application.LegacyPricingSystem;
import dev.parallelrun.adapter.pricing.legacy.HttpLegacyPricingSystem;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The legacy clients, one per legacy transaction, with the same credential, timeouts and retries; everything a
 * participant shares comes from the participant kit ({@code participant.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LegacyAdapterProperties.class, LegacyClientCredentials.class})
class AdapterConfiguration {

    @Bean
    LegacyClaimsSystem legacyClaimsSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties properties,
            LegacyClientCredentials credentials, MeterRegistry meterRegistry) {
        return new HttpLegacyClaimsSystem(authenticated(restClientBuilder, credentials), properties.legacy(),
                meterRegistry);
    }

    @Bean
    LegacyPricingSystem legacyPricingSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties properties,
            LegacyClientCredentials credentials, MeterRegistry meterRegistry) {
        return new HttpLegacyPricingSystem(authenticated(restClientBuilder, credentials), properties.legacy(),
                meterRegistry);
    }

    private static RestClient.Builder authenticated(RestClient.Builder restClientBuilder,
            LegacyClientCredentials credentials) {
        if (credentials.username() == null || credentials.username().isBlank()
                || credentials.password() == null || credentials.password().isBlank()) {
            throw new IllegalStateException("legacy-adapter.legacy-client.username and .password (environment "
                    + "LEGACY_SYSTEM_CLIENT_USERNAME, LEGACY_SYSTEM_CLIENT_PASSWORD) are required: the legacy platform "
                    + "authenticates its client. The 'local' profile sets the local stand-in's development credentials.");
        }
        return restClientBuilder.clone()
                .requestInterceptor(new BasicAuthenticationInterceptor(credentials.username(), credentials.password()));
    }
}
