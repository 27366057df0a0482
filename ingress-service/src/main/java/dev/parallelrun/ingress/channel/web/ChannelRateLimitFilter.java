package dev.parallelrun.ingress.channel.web;

import dev.parallelrun.ingress.web.ProblemResponseWriter;
import dev.parallelrun.ingress.web.Problems;
import dev.parallelrun.security.ClientRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each channel's rate (a token bucket per channel, {@code ingress.rate-limit}): once authenticated, a
 * channel over its rate is answered 429 with {@code Retry-After}, before its body is read or validated.
 */
public final class ChannelRateLimitFilter extends OncePerRequestFilter {

    private final ClientRateLimiter limiter;

    public ChannelRateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ChannelAuthentication channel) {
            Optional<Duration> wait = limiter.tryAcquire(channel.getName());
            if (wait.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ClientRateLimiter.retryAfterSeconds(wait.get())));
                ProblemResponseWriter.write(response, Problems.problem(request, HttpStatus.TOO_MANY_REQUESTS,
                        Problems.TOO_MANY_REQUESTS, "Too many requests", "Channel " + channel.getName()
                                + " is over its rate; retry after the time in " + HttpHeaders.RETRY_AFTER + "."));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
