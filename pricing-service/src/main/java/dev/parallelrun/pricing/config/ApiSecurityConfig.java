package dev.parallelrun.pricing.config;

import dev.parallelrun.security.ServiceUsers;
import dev.parallelrun.security.StatelessBasicAuth;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read the pricing service's data: {@code GET /api/v1/side-effects} holds what the shadow side would have
 * done for real (quote documents, underwriter referrals), so it needs a user with role {@code AUDITOR},
 * {@code OPERATOR} or {@code ADMIN} ({@code parallelrun.security.users}, HTTP Basic); nothing else is open.
 * {@code /actuator/**} is the shared chain's: health for anyone, the rest for the metrics scraper.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    @Bean
    SecurityFilterChain pricingApiSecurity(HttpSecurity http, ServiceUsers users) throws Exception {
        StatelessBasicAuth.apply(http, users.authenticationManager())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/v1/side-effects", "/api/v1/side-effects/**")
                        .hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .anyRequest().denyAll());
        return http.build();
    }
}
