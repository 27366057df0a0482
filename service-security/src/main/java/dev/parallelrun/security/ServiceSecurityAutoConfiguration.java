package dev.parallelrun.security;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What every service gets by depending on this module: {@code /actuator/health} open (probes),
 * everything else under {@code /actuator} for the metrics scraper only (HTTP Basic, role {@code METRICS});
 * development credentials refused outside the local profile; failed authentication throttled per client;
 * Tomcat's own rejections as problem details. Each service's security configuration covers the rest of its
 * paths (this chain matches {@code /actuator/**} only, and comes first).
 */
@AutoConfiguration(before = {ManagementWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurityAutoConfiguration.class);

    /** The users of {@code parallelrun.security}, once the production rules for credentials have been checked. */
    @Bean
    ServiceUsers serviceUsers(ServiceSecurityProperties properties, Environment environment) {
        ProductionCredentials.check(environment, properties);
        return new ServiceUsers(properties, Clock.systemUTC());
    }

    /**
     * Spring Security observes none of its own steps (no {@code spring.security.*} timers or spans): wrapped in
     * an observation, each of the dozen filters of a chain started and stopped observations and events on every
     * request, 10 % of the ingress's request threads' CPU in a profile (8 Dec 2026). {@code http.server.requests}
     * still times every request with its status. A service that wants them back declares its own
     * {@link SecurityObservationSettings}.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Before Spring Security, so that a throttled client's credentials are not even looked at. */
    @Bean
    FilterRegistrationBean<FailedAuthenticationThrottle> failedAuthenticationThrottle(ServiceSecurityProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new FailedAuthenticationThrottle(properties.failedAuthentication().perMinute()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, ServiceUsers users) throws Exception {
        AuthenticationEntryPoint unauthorized = ServiceSecurityAutoConfiguration::unauthorized;
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(ServiceSecurityProperties.METRICS_ROLE))
                .authenticationManager(users.authenticationManager())
                .httpBasic(basic -> basic.realmName("parallel-run").authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden()))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** 401 as a problem, with the Basic challenge. For the services' own chains too. */
    public static void unauthorized(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"parallel-run\"");
        ProblemResponses.write(response, 401, "unauthorized", "Unauthorized", "Valid credentials are required (HTTP Basic).");
    }

    /** 403 as a problem. For the services' own chains too. */
    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> ProblemResponses.write(response, 403, "forbidden", "Forbidden",
                "Your role does not allow this request.");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReports {

        /**
         * Replaces Tomcat's HTML error report (and the one Spring Boot adds) on the host with
         * {@link ProblemErrorReportValve}; last, so that it runs after Boot's own customizer.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return new ProblemErrorReportCustomizer();
        }
    }

    static final class ProblemErrorReportCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** In the local profile only: prints the metrics scraper's development credential. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> localMetricsCredentialBanner(ServiceSecurityProperties properties,
            Environment environment) {
        return event -> {
            String password = properties.metrics().password();
            if (ProductionCredentials.isLocal(environment) && password != null && password.startsWith("{noop}")) {
                log.info("Local profile: Prometheus scrapes {}/actuator/prometheus with HTTP Basic {}:{}",
                        environment.getProperty("spring.application.name", "this service"),
                        properties.metrics().username(), password.substring("{noop}".length()));
            }
        };
    }
}
