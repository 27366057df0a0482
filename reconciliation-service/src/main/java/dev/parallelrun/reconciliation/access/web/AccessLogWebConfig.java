package dev.parallelrun.reconciliation.access.web;

import dev.parallelrun.reconciliation.access.persistence.AccessLogStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Which reads are logged: verdicts (the list, one transaction, an export), cases, evidence packs and sign-offs, a
 * replay's verdicts, and the access log itself (reading who read what is a read of audit data about people, so it
 * leaves a trace too). The console's data comes through these same API paths. Match rates and rule sets are
 * aggregates and configuration, not records about business transactions: not logged.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogWebConfig implements WebMvcConfigurer {

    static final List<String> LOGGED_READS = List.of("/api/v1/reconciliations", "/api/v1/reconciliations/**",
            "/api/v1/cases", "/api/v1/cases/**", "/api/v1/evidence/**", "/api/v1/replays/*/verdicts",
            "/api/v1/access-log", "/api/v1/access-log/**");

    private final AccessLogRecorder recorder;

    AccessLogWebConfig(AccessLogStore store, Clock clock, MeterRegistry registry) {
        Counter entries = Counter.builder("parallelrun.access.log.entries")
                .description("Reads of verdicts, cases, evidence and the access log by a person, recorded in the access log")
                .register(registry);
        Counter failures = Counter.builder("parallelrun.access.log.failures")
                .description("Access log entries that could not be stored (each logged in full at ERROR instead)")
                .register(registry);
        this.recorder = new AccessLogRecorder(store, clock, entries, failures);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(recorder).addPathPatterns(LOGGED_READS);
    }
}
