package dev.parallelrun.adapter.config;

import dev.parallelrun.security.ServiceUsers;
import dev.parallelrun.security.StatelessBasicAuth;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The adapter serves no API of its own: everything but {@code /actuator/**} (the shared chain's: health for
 * anyone, the rest for the metrics scraper) is denied.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    @Bean
    SecurityFilterChain adapterSecurity(HttpSecurity http, ServiceUsers users) throws Exception {
        StatelessBasicAuth.apply(http, users.authenticationManager())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
