package dev.parallelrun.participant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps the processed-intent log and the side-effect record bounded, every {@code participant.retention.cleanup-interval}:
 * deletes the side effects older than {@code participant.retention.side-effects} (audit evidence, kept long), then the
 * processed intents first recorded before {@code participant.retention.processed-intents} that no side effect refers to
 * any more, so an intent goes together with its side effects and the foreign key always holds. The evidence of what a
 * participant decided lives on in the outcome topic and the reconciliation's verdicts; this log only answers
 * redeliveries. Running it on several instances at once is harmless.
 */
public final class ProcessedIntentCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedIntentCleanup.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final ParticipantProperties.Retention retention;
    private final Clock clock;

    ProcessedIntentCleanup(JdbcClient jdbc, TransactionOperations transactions, ParticipantProperties.Retention retention,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retention = retention;
        this.clock = clock;
    }

    /** What one run deleted. */
    public record Deleted(int sideEffects, int processedIntents) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::deleteExpired, retention.cleanupInterval());
    }

    /** Deletes the expired entries; answers how many of each. */
    public Deleted deleteExpired() {
        try {
            Instant now = clock.instant();
            Timestamp sideEffectsBefore = Timestamp.from(now.minus(retention.sideEffects()));
            Timestamp intentsBefore = Timestamp.from(now.minus(retention.processedIntents()));
            Deleted deleted = transactions.execute(transaction -> new Deleted(
                    jdbc.sql("DELETE FROM side_effect WHERE created_at < ?").param(sideEffectsBefore).update(),
                    jdbc.sql("""
                                    DELETE FROM processed_intent p WHERE p.received_at < ?
                                    AND NOT EXISTS (SELECT 1 FROM side_effect s WHERE s.intent_event_id = p.intent_event_id)""")
                            .param(intentsBefore).update()));
            if (deleted.sideEffects() > 0 || deleted.processedIntents() > 0) {
                log.info("Deleted {} side effect(s) older than {} and {} processed intent(s) older than {}",
                        deleted.sideEffects(), retention.sideEffects(), deleted.processedIntents(),
                        retention.processedIntents());
            }
            return deleted;
        } catch (RuntimeException e) {
            // the next run tries again; a failed cleanup must not stop the schedule
            log.warn("Could not delete expired processed intents and side effects", e);
            return new Deleted(0, 0);
        }
    }
}
