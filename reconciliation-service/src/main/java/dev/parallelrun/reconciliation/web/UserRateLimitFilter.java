package dev.parallelrun.reconciliation.web;

import dev.parallelrun.security.ClientRateLimiter;
import dev.parallelrun.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each API user's rate (a token bucket per user, {@code reconciliation.security.rate-limit}): an
 * authenticated user over it is answered 429 with {@code Retry-After}, before any query runs. An export
 * is one request, however many rows it streams.
 */
public final class UserRateLimitFilter extends OncePerRequestFilter {

    private final ClientRateLimiter limiter;

    public UserRateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
            Optional<Duration> wait = limiter.tryAcquire(user.getName());
            if (wait.isPresent()) {
                ProblemResponses.tooManyRequests(response, wait.get(), "User " + user.getName()
                        + " is over its request rate; retry after the time in Retry-After.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
