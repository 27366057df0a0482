package dev.parallelrun.ingress.intent.web;

import dev.parallelrun.ingress.intent.application.IngressMetrics;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every intent request answered with an error, by status and problem kind. It runs before the
 * security filter chain, so 401s are counted too.
 */
final class RejectionMetricsFilter extends OncePerRequestFilter {

    private final IngressMetrics metrics;

    RejectionMetricsFilter(IngressMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = response.getStatus();
            if (status >= 400) {
                metrics.rejected(status, Problems.kindOf(request, status));
            }
        }
    }
}
