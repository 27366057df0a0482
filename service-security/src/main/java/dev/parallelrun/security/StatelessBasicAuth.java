package dev.parallelrun.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The one way the services' own APIs use HTTP Basic: stateless (no session, no cookie, so nothing for CSRF
 * to ride on), no login form, 401 and 403 as problem details, the given (caching) authentication manager.
 */
public final class StatelessBasicAuth {

    private StatelessBasicAuth() {
    }

    public static HttpSecurity apply(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
        return http.authenticationManager(authenticationManager)
                .httpBasic(basic -> basic.realmName("parallel-run")
                        .authenticationEntryPoint(ServiceSecurityAutoConfiguration::unauthorized))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ServiceSecurityAutoConfiguration::unauthorized)
                        .accessDeniedHandler(ServiceSecurityAutoConfiguration.forbidden()))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
