package dev.parallelrun.adapter.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The adapter's configuration ({@code legacy-adapter.*}).
 *
 * @param legacy how to call the legacy platform
 * @param kafka topics, publishing and failure handling on Kafka
 * @param processing how many intents are worked on at once
 * @param processedIntents how long the processed-intent log remembers an intent
 * @param retry how an intent whose processing failed is retried: an infrastructure failure (database, broker) with
 *              this backoff until the infrastructure is back, never dead-lettered; any other failure of a record at
 *              most {@code max-attempts} times before it is dead-lettered
 */
@ConfigurationProperties("legacy-adapter")
public record LegacyAdapterProperties(Legacy legacy, Kafka kafka, Processing processing,
        ProcessedIntents processedIntents, Retry retry) {

    public LegacyAdapterProperties {
        Objects.requireNonNull(legacy, "legacy-adapter.legacy is required");
        Objects.requireNonNull(kafka, "legacy-adapter.kafka is required");
        Objects.requireNonNull(processing, "legacy-adapter.processing is required");
        Objects.requireNonNull(processedIntents, "legacy-adapter.processed-intents is required");
        Objects.requireNonNull(retry, "legacy-adapter.retry is required");
    }

    /**
     * @param retention       how long an intent's outcomes are kept to answer its redelivery without a second legacy
     *                        call: longer than the intent topic keeps records plus the longest the adapter may be down
     * @param cleanupInterval how often older entries are deleted
     */
    public record ProcessedIntents(Duration retention, Duration cleanupInterval) {

        public ProcessedIntents {
            requirePositive(retention, "legacy-adapter.processed-intents.retention");
            requirePositive(cleanupInterval, "legacy-adapter.processed-intents.cleanup-interval");
        }
    }

    /**
     * @param parallelism intents of a poll worked on at once, shared by every listener thread: a legacy call mostly
     *                    waits, so this, not the number of partitions, bounds the adapter's throughput
     */
    public record Processing(int parallelism) {

        public Processing {
            if (parallelism < 1) {
                throw new IllegalArgumentException("legacy-adapter.processing.parallelism must be at least 1 but was "
                        + parallelism);
            }
        }
    }

    /**
     * @param baseUrl where the legacy platform listens, e.g. {@code http://localhost:8090}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for an answer, per attempt
     * @param retry how technical failures are retried
     */
    public record Legacy(URI baseUrl, Duration connectTimeout, Duration readTimeout, Retry retry) {

        public Legacy {
            Objects.requireNonNull(baseUrl, "legacy-adapter.legacy.base-url is required");
            requirePositive(connectTimeout, "legacy-adapter.legacy.connect-timeout");
            requirePositive(readTimeout, "legacy-adapter.legacy.read-timeout");
            Objects.requireNonNull(retry, "legacy-adapter.legacy.retry is required");
        }
    }

    /**
     * A bounded exponential backoff.
     *
     * @param maxAttempts attempts in all, the first included (at least 1)
     * @param initialBackoff the wait before the first retry
     * @param multiplier the factor each further wait grows by (at least 1)
     * @param maxBackoff the longest single wait
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max-attempts must be at least 1 but was " + maxAttempts);
            }
            requirePositive(initialBackoff, "initial-backoff");
            requirePositive(maxBackoff, "max-backoff");
            if (multiplier < 1) {
                throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
            }
        }
    }

    /**
     * @param partitions partitions of the topic this adapter declares ({@code outcomes.legacy.v1})
     * @param replicationFactor replication factor of it (production: 3)
     * @param minInsyncReplicas replicas that must have a write before {@code acks=all} answers (production: 2)
     * @param sendTimeout how long to wait for the broker to acknowledge an outcome or a dead letter
     */
    public record Kafka(int partitions, short replicationFactor, @DefaultValue("1") int minInsyncReplicas,
            Duration sendTimeout) {

        public Kafka {
            if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("partitions, replication-factor and min-insync-replicas must be at least 1, "
                        + "min-insync-replicas at most replication-factor");
            }
            requirePositive(sendTimeout, "legacy-adapter.kafka.send-timeout");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + duration);
        }
    }
}
