package dev.parallelrun.reconciliation.access.web;

import dev.parallelrun.reconciliation.access.domain.AccessLogEntry;
import dev.parallelrun.reconciliation.access.persistence.AccessLogStore;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Records each read (GET, HEAD) of the paths it is registered for ({@link AccessLogWebConfig#LOGGED_READS}) by a person:
 * an authenticated user that is neither anonymous nor the metrics scraper. Requests that security refused (401, 403)
 * never reach it: they read nothing.
 *
 * <p>Synchronously, after the handler has answered ({@code afterCompletion}, which Spring MVC calls once per request,
 * on the last dispatch of a streamed one): one indexed insert, small next to the read it records, and nothing to lose
 * on a crash the way a queue in memory could. The response is usually still in its buffer then, so a person sees
 * the answer after its entry is stored. An entry that cannot be written (the database failing, when the read itself
 * almost certainly failed too) is never dropped silently: it is logged in full at ERROR, where log shipping keeps it,
 * and counted ({@code parallelrun_access_log_failures_total}, which an alert can watch).
 */
final class AccessLogRecorder implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRecorder.class);
    /** The person, taken when the request first reaches Spring MVC (a streamed answer ends on another thread). */
    private static final String PERSON = AccessLogRecorder.class.getName() + ".person";
    private static final String METRICS_AUTHORITY = "ROLE_METRICS";

    private final AccessLogStore store;
    private final Clock clock;
    private final Counter entries;
    private final Counter failures;

    AccessLogRecorder(AccessLogStore store, Clock clock, Counter entries, Counter failures) {
        this.store = store;
        this.clock = clock;
        this.entries = entries;
        this.failures = failures;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(PERSON) == null && isRead(request)) {
            Authentication person = person(SecurityContextHolder.getContext().getAuthentication());
            if (person != null) {
                request.setAttribute(PERSON, person);
            }
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(request.getAttribute(PERSON) instanceof Authentication person) || request.isAsyncStarted()) {
            return;
        }
        // an exception no handler resolved becomes a 500 after this point
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccessLogEntry entry = new AccessLogEntry(null, clock.instant().truncatedTo(ChronoUnit.MICROS), person.getName(),
                roles(person), request.getMethod(), path, request.getQueryString(), status);
        try {
            store.append(entry);
            entries.increment();
        } catch (RuntimeException e) {
            failures.increment();
            log.error("access log entry not stored, kept here instead: {}", entry, e);
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** The authentication if it is a person's, else {@code null}. */
    static Authentication person(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (METRICS_AUTHORITY.equals(authority.getAuthority())) {
                return null;
            }
        }
        return authentication;
    }

    private static List<String> roles(Authentication person) {
        return person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(name -> name != null && name.startsWith("ROLE_")).map(name -> name.substring("ROLE_".length()))
                .sorted().distinct().toList();
    }
}
