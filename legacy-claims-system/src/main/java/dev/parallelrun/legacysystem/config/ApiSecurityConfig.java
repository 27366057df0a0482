package dev.parallelrun.legacysystem.config;

import dev.parallelrun.security.ServiceUsers;
import dev.parallelrun.security.StatelessBasicAuth;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the legacy platform: its client (the legacy adapter), a user with role {@code LEGACY_CLIENT}
 * ({@code parallelrun.security.users}, HTTP Basic), on {@code /legacy/**}; nothing else is open.
 * {@code /actuator/**} is the shared chain's: health for anyone, the rest for the metrics scraper.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    static final String CLIENT_ROLE = "LEGACY_CLIENT";

    @Bean
    SecurityFilterChain legacyApiSecurity(HttpSecurity http, ServiceUsers users) throws Exception {
        StatelessBasicAuth.apply(http, users.authenticationManager())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/legacy/**").hasRole(CLIENT_ROLE)
                        .anyRequest().denyAll());
        return http.build();
    }
}
