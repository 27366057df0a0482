package dev.parallelrun.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 429 and {@code Retry-After}, requests that carry credentials from a client (IP address, as
 * the container sees it: behind a proxy, configure {@code server.forward-headers-strategy}) that caused too
 * many failed authentications (401) lately, before anything checks those credentials: an anonymous client
 * cannot make the service hash passwords (bcrypt is slow on purpose) faster than this. Requests without
 * credentials (health probes) are never throttled.
 */
public final class FailedAuthenticationThrottle extends OncePerRequestFilter {

    private final ClientRateLimiter failures;

    public FailedAuthenticationThrottle(int perMinute) {
        this.failures = new ClientRateLimiter(perMinute, Duration.ofMinutes(1), 100_000);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!carriesCredentials(request)) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        Optional<Duration> blocked = failures.check(client);
        if (blocked.isPresent()) {
            ProblemResponses.tooManyRequests(response, blocked.get(),
                    "Too many failed authentications from this address; credentials are not checked again until "
                            + "the time in Retry-After has passed.");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failures.tryAcquire(client);
        }
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader("X-Api-Key") != null;
    }
}
