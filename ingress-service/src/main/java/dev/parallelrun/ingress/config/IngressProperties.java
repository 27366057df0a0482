package dev.parallelrun.ingress.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ingress service's configuration, prefix {@code ingress}.
 *
 * @param channels    the channel systems allowed to post, each with its API key; at least one is required
 * @param schemas     where the intent schemas (and so the intent types) are read from besides the classpath
 * @param request     limits on requests
 * @param publish     how long to wait for the broker, and what to tell the channel when it did not answer
 * @param idempotency how long idempotency records are kept
 * @param correlationIds how long a correlation id stays claimed by its intent
 * @param topics      how the intent topics are declared
 * @param rateLimit   how many requests each channel may make
 * @param sampling    how the sampling rates are cached
 * @param admins      the operators allowed on the admin API ({@code /api/v1/sampling}, {@code /api/v1/data-subjects}),
 *                    each with an API key
 * @param participants the services allowed to read data subjects' keys to decrypt intents (the legacy adapter, the
 *                    shadow services), each with an API key
 * @param personalData how personal data is encrypted (crypto-shredding, docs/personal-data.md)
 * @param authority   how the authority decisions intents are stamped with are read
 */
@ConfigurationProperties("ingress")
public record IngressProperties(
        @DefaultValue List<ChannelCredentials> channels,
        @DefaultValue Schemas schemas,
        @DefaultValue Request request,
        @DefaultValue Publish publish,
        @DefaultValue Idempotency idempotency,
        @DefaultValue CorrelationIds correlationIds,
        @DefaultValue Topics topics,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Sampling sampling,
        @DefaultValue List<ChannelCredentials> admins,
        @DefaultValue List<ChannelCredentials> participants,
        @DefaultValue PersonalData personalData,
        @DefaultValue Authority authority) {

    /**
     * Reading {@code authority.decisions.v1}.
     *
     * @param startupWait how long start-up waits for the decisions in force to be read (the instance then starts
     *                    ready); beyond it the ingress starts, refusing intents (503) and not ready until they are
     * @param topicRetry  how often the topic is looked for while it does not exist (the reconciliation creates it), and
     *                    the pause after a broker failure
     */
    public record Authority(@DefaultValue("10s") Duration startupWait, @DefaultValue("2s") Duration topicRetry) {
    }

    /**
     * @param subjectRefSecret the HMAC secret that derives a data subject's ref from its identity (e.g. the e-mail
     *                         address), at least 32 bytes. Required: outside the local profile there is no default.
     *                         Changing it gives every person a new ref (and key): the old data stays encrypted
     *                         under keys that erasure requests can then no longer find by the person's identity.
     */
    public record PersonalData(String subjectRefSecret) {

        @Override
        public String toString() {
            return "PersonalData[subjectRefSecret=" + (subjectRefSecret == null ? "none" : "******") + "]";
        }
    }

    /**
     * A channel (or an admin, under {@code admins}) and its API key: either {@code api-key-sha256} (hex SHA-256 of the key, preferred: the
     * key itself then never sits in configuration) or {@code api-key} (the key itself, e.g. from a
     * secret; the local profile uses it so the key can be printed at start-up).
     *
     * @param allowedIntents intent type names the channel may post; empty means all
     */
    public record ChannelCredentials(String name, String apiKey, String apiKeySha256,
            @DefaultValue List<String> allowedIntents) {

        @Override
        public String toString() {
            return "ChannelCredentials[name=" + name + ", apiKey=" + (apiKey == null ? "none" : "******")
                    + ", apiKeySha256=" + apiKeySha256 + ", allowedIntents=" + allowedIntents + "]";
        }
    }

    /**
     * @param directory an external folder of {@code <context>/<IntentType>.schema.json} files read after the ones
     *                  shipped on the classpath ({@code intent-schemas/}); a file there replaces a shipped one at
     *                  the same path. Unset: only the shipped schemas.
     */
    public record Schemas(String directory) {

        /** The external directory, or {@code null} when none is set. */
        public java.nio.file.Path directoryPath() {
            return directory == null || directory.isBlank() ? null : java.nio.file.Path.of(directory);
        }
    }

    /**
     * @param refresh how long a sampling rate read from the database is used before it is read again, so a change
     *                made on another instance takes effect within it
     */
    public record Sampling(@DefaultValue("2s") Duration refresh) {
    }

    /** @param maxBodySize larger bodies are refused with 413, whether declared by Content-Length or chunked */
    public record Request(@DefaultValue("64KB") DataSize maxBodySize) {
    }

    /**
     * Bounds on waiting for the broker. The producer's {@code delivery.timeout.ms} must be at least
     * {@code request.timeout.ms} (plus {@code linger.ms}, which the ingress keeps at 0).
     *
     * @param maxBlock        {@code max.block.ms}: how long a send may wait for metadata or buffer space
     * @param requestTimeout  {@code request.timeout.ms}: how long to wait for one produce request
     * @param deliveryTimeout {@code delivery.timeout.ms}: the bound on a send, retries included
     * @param retryAfter      the {@code Retry-After} a 503 suggests
     */
    public record Publish(@DefaultValue("5s") Duration maxBlock, @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("10s") Duration deliveryTimeout, @DefaultValue("5s") Duration retryAfter) {

        public Publish {
            if (deliveryTimeout.compareTo(requestTimeout) < 0) {
                throw new IllegalArgumentException("ingress.publish.delivery-timeout (" + deliveryTimeout
                        + ") must not be shorter than ingress.publish.request-timeout (" + requestTimeout + ")");
            }
        }

        /** The longest a publish can take before the producer reports a failure itself. */
        public Duration bound() {
            return maxBlock.plus(deliveryTimeout);
        }
    }

    /**
     * @param retention       how long a key is remembered; a retry after that publishes again (with the same
     *                        event id, so consumers that still remember it de-duplicate it)
     * @param cleanupInterval how often expired records are deleted
     */
    public record Idempotency(@DefaultValue("7d") Duration retention, @DefaultValue("1h") Duration cleanupInterval) {
    }

    /**
     * @param retention how long a correlation id is refused to any other intent (409); at least as long as
     *                  reconciliation and the participants remember it. Cleaned up with the idempotency records.
     */
    public record CorrelationIds(@DefaultValue("30d") Duration retention) {
    }

    /**
     * A token bucket per channel: {@code burst} requests at once, refilled at {@code requests-per-second}.
     * A channel over it gets 429 with {@code Retry-After}.
     */
    public record RateLimit(@DefaultValue("100") int requestsPerSecond, @DefaultValue("200") int burst) {

        public RateLimit {
            if (requestsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("ingress.rate-limit: requests-per-second and burst must be at least 1");
            }
        }
    }

    /**
     * How the intent topics and their dead-letter topics (which the ingress owns) are declared.
     *
     * @param partitions        must match what consumers of the intent topics expect (default 3); a
     *                          dead-letter topic gets as many as its source
     * @param replicationFactor replicas of each partition (production: 3)
     * @param minInsyncReplicas replicas that must have a write before {@code acks=all} answers (production: 2)
     */
    public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas) {

        public Topics {
            if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("ingress.topics: partitions, replication-factor and min-insync-replicas "
                        + "must be at least 1, and min-insync-replicas at most replication-factor");
            }
        }
    }
}
