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
 */
@ConfigurationProperties("claims-service")
public record ClaimsServiceProperties(
        @DefaultValue("false") boolean authoritative,
        @DefaultValue("urn:parallelrun:claims-service") String source,
        @DefaultValue Topics topics,
        @DefaultValue Retry retry,
        @DefaultValue Publishing publishing) {

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
     * The bounded backoff for a failing intent before it is dead-lettered (poison records skip it).
     *
     * @param maxRetries redeliveries after the first attempt
     */
    public record Retry(
            @DefaultValue("3") int maxRetries,
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxInterval) {
    }

    /**
     * @param ackTimeout how long to wait for the broker to acknowledge outcomes and dead-letter records
     */
    public record Publishing(@DefaultValue("10s") Duration ackTimeout) {
    }
}
