package dev.parallelrun.ingress.intent.persistence;

import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency records older than {@code ingress.idempotency.retention} and correlation claims
 * older than {@code ingress.correlation-ids.retention}, every {@code ingress.idempotency.cleanup-interval}.
 * Running it on several instances at once is harmless.
 */
@Component
class IdempotencyRecordCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecordCleanup.class);

    private final IdempotencyRecords records;
    private final CorrelationClaims claims;
    private final IngressProperties.Idempotency settings;
    private final IngressProperties.CorrelationIds correlationIds;
    private final Clock clock;

    IdempotencyRecordCleanup(IdempotencyRecords records, CorrelationClaims claims, IngressProperties properties,
            Clock clock) {
        this.records = records;
        this.claims = claims;
        this.settings = properties.idempotency();
        this.correlationIds = properties.correlationIds();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, settings.cleanupInterval());
    }

    /** Deletes the expired records; answers how many. */
    int deleteExpired() {
        try {
            int deleted = records.deleteCreatedBefore(clock.instant().minus(settings.retention()));
            if (deleted > 0) {
                log.info("Deleted {} idempotency record(s) older than {}", deleted, settings.retention());
            }
            int released = claims.deleteClaimedBefore(clock.instant().minus(correlationIds.retention()));
            if (released > 0) {
                log.info("Released {} correlation id(s) claimed before {} ago", released, correlationIds.retention());
            }
            return deleted;
        } catch (RuntimeException e) {
            // the next run tries again; a failed cleanup must not stop the schedule
            log.warn("Could not delete expired idempotency records", e);
            return 0;
        }
    }
}
