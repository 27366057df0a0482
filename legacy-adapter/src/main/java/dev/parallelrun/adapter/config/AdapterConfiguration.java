package dev.parallelrun.adapter.config;

import dev.parallelrun.adapter.claims.application.LegacyClaimsSystem;
import dev.parallelrun.adapter.claims.legacy.HttpLegacyClaimsSystem;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.web.client.RestClient;

/** The adapter's collaborators: its identity as a participant of the parallel run, and the legacy client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LegacyAdapterProperties.class, LegacyClientCredentials.class})
@EnableScheduling
class AdapterConfiguration {

    /** The CloudEvents {@code source} of every outcome this adapter publishes. */
    static final String SOURCE = "urn:parallelrun:legacy-adapter";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

    @Bean
    Participant participant(Clock clock, EventCodec eventCodec) {
        return new Participant(Side.LEGACY, SOURCE, clock, eventCodec);
    }

    @Bean
    LegacyClaimsSystem legacyClaimsSystem(RestClient.Builder restClientBuilder, LegacyAdapterProperties properties,
            LegacyClientCredentials credentials, MeterRegistry meterRegistry) {
        if (credentials.username() == null || credentials.username().isBlank()
                || credentials.password() == null || credentials.password().isBlank()) {
            throw new IllegalStateException("legacy-adapter.legacy-client.username and .password (environment "
                    + "LEGACY_SYSTEM_CLIENT_USERNAME, LEGACY_SYSTEM_CLIENT_PASSWORD) are required: the legacy platform "
                    + "authenticates its client. The 'local' profile sets the local stand-in's development credentials.");
        }
        RestClient.Builder authenticated = restClientBuilder.clone()
                .requestInterceptor(new BasicAuthenticationInterceptor(credentials.username(), credentials.password()));
        return new HttpLegacyClaimsSystem(authenticated, properties.legacy(), meterRegistry);
    }
}
