package dev.parallelrun.claims.persistence;

import dev.parallelrun.claims.config.ClaimsServiceProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps the processed-intent log and the side-effect record bounded, every
 * {@code claims-service.processed-intents.cleanup-interval}: deletes the side effects older than
 * {@code claims-service.side-effects.retention} (audit evidence, kept long), then the processed intents older than
 * {@code claims-service.processed-intents.retention} that no side effect refers to any more, so an intent goes
 * together with its side effects and the foreign key always holds. The evidence of what the shadow decided lives on in
 * the outcome topic and the reconciliation's verdicts. Running it on several instances at once is harmless.
 */
@Component
public class ProcessedIntentCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedIntentCleanup.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ClaimsServiceProperties properties;
    private final Clock clock;

    ProcessedIntentCleanup(JdbcClient jdbc, TransactionOperations transactions, ClaimsServiceProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run deleted. */
    public record Deleted(int sideEffects, int processedIntents) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, properties.processedIntents().cleanupInterval());
    }

    /** Deletes the expired entries; answers how many of each. */
    public Deleted deleteExpired() {
        try {
            Instant now = clock.instant();
            Timestamp sideEffectsBefore = Timestamp.from(now.minus(properties.sideEffects().retention()));
            Timestamp intentsBefore = Timestamp.from(now.minus(properties.processedIntents().retention()));
            Deleted deleted = transactions.execute(transaction -> new Deleted(
                    jdbc.sql("DELETE FROM side_effect WHERE created_at < ?").param(sideEffectsBefore).update(),
                    jdbc.sql("""
                                    DELETE FROM processed_intent p WHERE p.processed_at < ?
                                    AND NOT EXISTS (SELECT 1 FROM side_effect s WHERE s.intent_event_id = p.intent_event_id)""")
                            .param(intentsBefore).update()));
            if (deleted.sideEffects() > 0 || deleted.processedIntents() > 0) {
                log.info("Deleted {} side effect(s) older than {} and {} processed intent(s) older than {}",
                        deleted.sideEffects(), properties.sideEffects().retention(), deleted.processedIntents(),
                        properties.processedIntents().retention());
            }
            return deleted;
        } catch (RuntimeException e) {
            // the next run tries again; a failed cleanup must not stop the schedule
            log.warn("Could not delete expired processed intents and side effects", e);
            return new Deleted(0, 0);
        }
    }
}
