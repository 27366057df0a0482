package dev.parallelrun.claims.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the claims service reads under {@code claims-service.*}.
 *
 * @param authoritative whether this service's decisions count: only then are its side effects
 *                      dispatched; until then (the default) they are recorded as suppressed
 * @param source        the CloudEvents {@code source} of the outcomes it publishes
 * @param processedIntents how long the processed-intent log remembers an intent
 * @param sideEffects   how long the record of the side effects, audit evidence, is kept
 */
@ConfigurationProperties("claims-service")
public record ClaimsServiceProperties(
        @DefaultValue("false") boolean authoritative,
        @DefaultValue("urn:parallelrun:claims-service") String source,
        @DefaultValue Topics topics,
        @DefaultValue Retry retry,
        @DefaultValue Publishing publishing,
        @DefaultValue ProcessedIntents processedIntents,
        @DefaultValue SideEffects sideEffects) {

    /**
     * How the topics this service declares are created.
     *
     * @param partitions        of the shadow outcome topic (the only one this service owns)
     * @param replicationFactor of it (production: 3)
     * @param minInsyncReplicas replicas that must have a write before {@code acks=all} answers
     */
    public record Topics(
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas) {
    }

    /**
     * How an intent whose processing failed is retried. An infrastructure failure (the database, the broker) is
     * retried with this backoff until the infrastructure is back, however long, and never dead-lettered; any other
     * failure at most {@code max-attempts} times before the intent is dead-lettered (poison records are not retried).
     *
     * @param maxAttempts    attempts in all, the first included (at least 1)
     * @param initialBackoff the wait before the first retry
     * @param multiplier     the factor each further wait grows by (at least 1)
     * @param maxBackoff     the longest single wait
     */
    public record Retry(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("claims-service.retry.max-attempts must be at least 1 but was "
                        + maxAttempts);
            }
            if (multiplier < 1) {
                throw new IllegalArgumentException("claims-service.retry.multiplier must be at least 1 but was "
                        + multiplier);
            }
            requirePositive(initialBackoff, "claims-service.retry.initial-backoff");
            requirePositive(maxBackoff, "claims-service.retry.max-backoff");
        }
    }

    /**
     * @param retention       how long an intent is remembered to answer its redelivery with the stored outcomes and no
     *                        second decision: longer than the intent topic keeps records plus the longest outage
     * @param cleanupInterval how often older entries are deleted (together with their side effects' record, see
     *                        {@link SideEffects})
     */
    public record ProcessedIntents(
            @DefaultValue("14d") Duration retention,
            @DefaultValue("1h") Duration cleanupInterval) {

        public ProcessedIntents {
            requirePositive(retention, "claims-service.processed-intents.retention");
            requirePositive(cleanupInterval, "claims-service.processed-intents.cleanup-interval");
        }
    }

    /**
     * @param retention how long the record of a side effect (suppressed or dispatched) is kept: it is audit evidence
     *                  of what the service would have done, so by default far longer than the processed intents. An
     *                  intent's processed-intent entry is kept as long as its side effects are (they refer to it).
     */
    public record SideEffects(@DefaultValue("400d") Duration retention) {

        public SideEffects {
            requirePositive(retention, "claims-service.side-effects.retention");
        }
    }

    /**
     * @param ackTimeout how long to wait for the broker to acknowledge outcomes and dead-letter records
     */
    public record Publishing(@DefaultValue("10s") Duration ackTimeout) {
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + duration);
        }
    }
}
