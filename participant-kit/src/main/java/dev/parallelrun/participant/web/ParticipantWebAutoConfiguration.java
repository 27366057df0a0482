package dev.parallelrun.participant.web;

import dev.parallelrun.participant.ParticipantAutoConfiguration;
import dev.parallelrun.participant.SideEffects;
import dev.parallelrun.security.ServiceSecurityAutoConfiguration;
import dev.parallelrun.security.ServiceUsers;
import dev.parallelrun.security.StatelessBasicAuth;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A participant's HTTP API, the same in every participant: {@code GET /api/v1/side-effects} holds what the side did
 * or would have done for real (amounts, letters, bookings), so it needs a user with role {@code AUDITOR},
 * {@code OPERATOR} or {@code ADMIN} ({@code parallelrun.security.users}, HTTP Basic); nothing else is open.
 * {@code /actuator/**} is service-security's shared chain: health for anyone, the rest for the metrics scraper.
 */
@AutoConfiguration(after = {ParticipantAutoConfiguration.class, ServiceSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "participant", name = "side")
public class ParticipantWebAutoConfiguration {

    @Bean
    SideEffectController sideEffectController(SideEffects sideEffects) {
        return new SideEffectController(sideEffects);
    }

    @Bean
    SecurityFilterChain participantApiSecurity(HttpSecurity http, ServiceUsers users) throws Exception {
        StatelessBasicAuth.apply(http, users.authenticationManager())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/v1/side-effects", "/api/v1/side-effects/**")
                        .hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .anyRequest().denyAll());
        return http.build();
    }
}
