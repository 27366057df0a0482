package dev.parallelrun.adapter.claims.persistence;

import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the processed-intent log bounded: deletes entries older than {@code legacy-adapter.processed-intents.retention},
 * every {@code cleanup-interval}. The evidence of what legacy decided lives on in the outcome topic and in the
 * reconciliation's verdicts; this log only answers redeliveries. Running it on several instances at once is harmless.
 */
@Component
public class ProcessedIntentCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedIntentCleanup.class);

    private final JdbcProcessedIntents processedIntents;
    private final LegacyAdapterProperties.ProcessedIntents settings;
    private final Clock clock;

    ProcessedIntentCleanup(JdbcProcessedIntents processedIntents, LegacyAdapterProperties properties, Clock clock) {
        this.processedIntents = processedIntents;
        this.settings = properties.processedIntents();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, settings.cleanupInterval());
    }

    /** Deletes the expired entries; answers how many. */
    public int deleteExpired() {
        try {
            int deleted = processedIntents.deleteProcessedBefore(clock.instant().minus(settings.retention()));
            if (deleted > 0) {
                log.info("Deleted {} processed intent(s) older than {}", deleted, settings.retention());
            }
            return deleted;
        } catch (RuntimeException e) {
            // the next run tries again; a failed cleanup must not stop the schedule
            log.warn("Could not delete expired processed intents", e);
            return 0;
        }
    }
}
