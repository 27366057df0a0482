package dev.parallelrun.reconciliation.verdicts.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.log.LogAccessor;
import org.springframework.stereotype.Component;

/**
 * Whether the verdict sink is waiting for PostgreSQL: health {@code verdictSink} (DOWN while it waits, with
 * since when and the last failure) and the gauge {@code reconciliation_verdict_sink_waiting_for_database}
 * (1 while it waits). Waiting is not failing: the sink holds its records, keeps its partitions and stores
 * them once the database answers again.
 */
@Component
class VerdictSinkHealthIndicator implements HealthIndicator {

    private static final LogAccessor LOG = new LogAccessor(VerdictSinkHealthIndicator.class);

    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Waiting> waiting = new AtomicReference<>();
    private final Counter unavailable;

    VerdictSinkHealthIndicator(MeterRegistry registry) {
        Gauge.builder("reconciliation.verdict.sink.waiting.for.database", waiting, w -> w.get() == null ? 0 : 1)
                .description("1 while the verdict sink waits for PostgreSQL to take verdicts again").register(registry);
        this.unavailable = Counter.builder("reconciliation.verdict.sink.database.unavailable")
                .description("Attempts to store a batch of verdicts that failed because PostgreSQL was unavailable")
                .register(registry);
    }

    /** An attempt to store failed for a reason that is not the verdicts' own. */
    void databaseUnavailable(Throwable failure) {
        unavailable.increment();
        Waiting previous = waiting.getAndUpdate(w -> new Waiting(w == null ? clock.instant() : w.since(),
                StoreFailures.reason(failure)));
        if (previous == null) {
            LOG.warn(failure, "PostgreSQL does not take verdicts; the sink holds its records and tries again until it does");
        } else {
            LOG.debug(failure, "PostgreSQL still does not take verdicts");
        }
    }

    /** PostgreSQL answered (stored a batch, or refused a verdict's data): it is back, if it was away. */
    void databaseAvailable() {
        Waiting previous = waiting.getAndSet(null);
        if (previous != null) {
            LOG.info(() -> "PostgreSQL takes verdicts again, after waiting since " + previous.since());
        }
    }

    boolean isWaitingForDatabase() {
        return waiting.get() != null;
    }

    @Override
    public Health health() {
        Waiting current = waiting.get();
        if (current == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("waitingForDatabaseSince", current.since().toString())
                .withDetail("lastFailure", current.lastFailure()).build();
    }

    private record Waiting(Instant since, String lastFailure) {
    }
}
