package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.web.UserRateLimitFilter;
import dev.parallelrun.security.ClientRateLimiter;
import dev.parallelrun.security.ProductionCredentials;
import dev.parallelrun.security.ServiceSecurityProperties;
import dev.parallelrun.security.ServiceUsers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * HTTP Basic with least privilege: {@code AUDITOR} reads, {@code OPERATOR} reads and (later) works
 * divergences, {@code ADMIN} may do everything, and alone decides authority ({@code POST /api/v1/authority/**}). Without configured users the service refuses to start, and
 * outside the local profile with a plain-text ({@code {noop}}) password too. Successful password checks are
 * remembered for a while and failed ones throttled per client address (the shared service-security module),
 * so that HTTP Basic on every request does not cost a bcrypt hash each time; each user has a request rate
 * ({@code reconciliation.security.rate-limit}, 429 beyond it). {@code /actuator/**} is the shared chain's:
 * health for anyone, the rest for the metrics scraper. The OpenAPI document ({@code /v3/api-docs}) and its
 * Swagger UI are for any API user, like the reads. With {@code reconciliation.security.jwt.*} set, bearer tokens
 * (JWT) are accepted too, their roles from a claim ({@link JwtAuthentication}); Basic keeps working. Every decision
 * here is pinned, endpoint by endpoint and role by role, in the test resource {@code access-matrix.csv}
 * ({@code AccessMatrixIT}): a new endpoint without a row fails the build.
 * The web console's files ({@code /console/**}) are public and
 * served with a same-origin-only Content-Security-Policy; the console calls this API with the person's credentials.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    static final List<String> ROLES = List.of("AUDITOR", "OPERATOR", "ADMIN");
    private static final String BASIC_CHALLENGE = "Basic realm=\"parallel-run\"";
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, UserDetailsService apiUsers, ServiceSecurityProperties shared,
            ReconciliationProperties properties, Clock clock, ResourceLoader resources) throws Exception {
        JwtAuthentication jwt = JwtAuthentication.of(properties.security().jwt(), resources);
        String challenge = jwt == null ? BASIC_CHALLENGE : BASIC_CHALLENGE + ", Bearer";
        var rate = properties.security().rateLimit();
        var perUser = new ClientRateLimiter(rate.burst(),
                Duration.ofSeconds(1).multipliedBy(rate.burst()).dividedBy(rate.requestsPerSecond()), 10_000);
        http.authenticationManager(ServiceUsers.cachingManager(apiUsers, shared, clock))
                .addFilterAfter(new UserRateLimitFilter(perUser), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // who read what is audit data about people: admins only (and reading it is itself logged)
                        .requestMatchers("/api/v1/access-log", "/api/v1/access-log/**").hasRole("ADMIN")
                        // the web console's files are public (they hold no data); every call they make is authenticated
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        // signing an evidence pack is an auditor's act (or an admin's), not an operator's
                        .requestMatchers(HttpMethod.POST, "/api/v1/evidence/*/sign-offs").hasAnyRole("AUDITOR", "ADMIN")
                        // moving authority is an admin's decision; reading it (and readiness) is everyone's
                        .requestMatchers(HttpMethod.GET, "/api/v1/authority/**", "/api/v1/readiness/**")
                        .hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .requestMatchers("/api/v1/authority/**", "/api/v1/readiness/**").hasRole("ADMIN")
                        // replays and noise runs re-run traffic through both sides: requested and cancelled by admins only
                        .requestMatchers(HttpMethod.GET, "/api/v1/replays/**", "/api/v1/noise-runs/**")
                        .hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .requestMatchers("/api/v1/replays/**", "/api/v1/noise-runs/**").hasRole("ADMIN")
                        // a what-if is an operator's (or an admin's) question; its stored reports are evidence for all
                        .requestMatchers(HttpMethod.POST, "/api/v1/rule-sets/what-if").hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/rule-sets/what-if/*")
                        .hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        // the OpenAPI document and its Swagger UI (page, scripts, styles, config): any API user
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**").hasAnyRole("AUDITOR", "OPERATOR", "ADMIN")
                        .requestMatchers("/api/v1/**").hasAnyRole("OPERATOR", "ADMIN")
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("parallel-run").authenticationEntryPoint(
                        (request, response, e) -> problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                                "valid credentials are required (HTTP Basic)", BASIC_CHALLENGE)))
                .exceptionHandling(handling -> handling
                        // one answer for a request without credentials, whichever kinds are accepted
                        .authenticationEntryPoint((request, response, e) -> problem(response,
                                HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", jwt == null
                                        ? "valid credentials are required (HTTP Basic)"
                                        : "valid credentials are required (HTTP Basic or a bearer token)", challenge))
                        .accessDeniedHandler(
                        (request, response, e) -> problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                                "your role does not allow this request", null)))
                // the console runs only its own scripts and styles and talks only to this service
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY))))
                // a stateless API authenticated on every request: no session, no cookie, nothing for CSRF to ride on
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (jwt != null) {
            http.oauth2ResourceServer(server -> server
                    .jwt(token -> token.authenticationManager(jwt.authenticationManager()))
                    .authenticationEntryPoint((request, response, e) -> problem(response,
                            HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                            "the bearer token is not valid (signature, expiry, issuer, audience or name)",
                            "Bearer error=\"invalid_token\"")));
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService apiUsers(ReconciliationProperties properties, Environment environment) {
        List<ReconciliationProperties.User> users = properties.security().users();
        if (users.isEmpty()) {
            throw new IllegalStateException("No API users configured: set reconciliation.security.users "
                    + "(name, encoded password, roles). Only the 'local' profile ships development users.");
        }
        if (!ProductionCredentials.isLocal(environment)) {
            for (int i = 0; i < users.size(); i++) {
                ProductionCredentials.requireEncodedPassword("reconciliation.security.users[" + i + "].password",
                        users.get(i).password());
            }
        }
        List<UserDetails> details = users.stream().map(user -> {
            if (user.name() == null || user.password() == null || user.roles() == null || user.roles().isEmpty()) {
                throw new IllegalStateException("API user needs a name, a password and at least one role: " + user.name());
            }
            for (String role : user.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalStateException("unknown role " + role + " for API user " + user.name() + "; roles are " + ROLES);
                }
            }
            return User.withUsername(user.name()).password(user.password()).roles(user.roles().toArray(String[]::new)).build();
        }).toList();
        return new InMemoryUserDetailsManager(details);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail, String challenge)
            throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
