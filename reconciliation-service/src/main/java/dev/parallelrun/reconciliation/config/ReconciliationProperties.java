package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Everything the reconciliation service can be told, under the prefix {@code reconciliation}. */
@ConfigurationProperties("reconciliation")
public record ReconciliationProperties(
        @DefaultValue Topics topics,
        @DefaultValue Streams streams,
        @DefaultValue Correlation correlation,
        @DefaultValue Rules rules,
        @DefaultValue Api api,
        @DefaultValue Security security,
        @DefaultValue Sink sink) {

    /**
     * Partitions and replication of the topics this service declares, and of its Kafka Streams internal
     * (changelog and repartition) topics.
     *
     * @param replicationFactor replicas of each partition (production: 3)
     * @param minInsyncReplicas replicas that must have a write before {@code acks=all} answers (production: 2)
     */
    public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas) {

        public Topics {
            if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("reconciliation.topics: partitions, replication-factor and "
                        + "min-insync-replicas must be at least 1, and min-insync-replicas at most replication-factor");
            }
        }
    }

    /**
     * The Kafka Streams application.
     *
     * @param applicationId also the consumer group of the correlation
     * @param stateDir      where the RocksDB state stores live
     * @param maxRequestSize the Streams producer's {@code max.request.size}; a verdict larger than this is
     *                       refused and its source outcome dead-lettered
     * @param standbyReplicas warm copies of each state store on other instances ({@code num.standby.replicas}):
     *                        with more than one instance, 1 lets a survivor take over a task without
     *                        restoring its store from the changelog first
     * @param sessionTimeout  how long the group waits for a member that stopped heartbeating (a killed instance)
     *                        before its tasks move to the survivors; at least the broker's
     *                        {@code group.min.session.timeout.ms} (6 s by default)
     * @param heartbeatInterval how often a member heartbeats; a third of the session timeout or less
     * @param transactionTimeout how long a killed instance's open transaction may hold back {@code read_committed}
     *                        readers of its partitions before the broker aborts it (the broker checks every
     *                        {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}, 10 s by default)
     * @param recordCache     the state stores' record caches ({@code statestore.cache.max.bytes}, on the heap): repeated
     *                        writes to a key between two commits reach RocksDB and its changelog once
     * @param rocksdbOffHeap  the off-heap memory all RocksDB state stores of the process share (block cache, memtables,
     *                        index and filter blocks), however many partitions and open correlations it holds
     * @param rocksdbMemtables how much of {@code rocksdbOffHeap} the memtables (the stores' write buffers) may take
     * @param producerBatchSize the correlation's producer {@code batch.size} (verdicts and changelogs), Kafka's 16 KB by
     *                        default: every new batch wakes the producer's network thread, so under a flood larger
     *                        batches spare the stream thread a system call and a contended lock every few records,
     *                        but on cores shared with the broker and the other services they left reconciliation
     *                        behind (see the README's Performance section)
     */
    public record Streams(
            @DefaultValue("reconciliation-service") String applicationId,
            @DefaultValue("${java.io.tmpdir}/parallelrun/reconciliation-streams") Path stateDir,
            @DefaultValue("1") int threads,
            @DefaultValue("100ms") Duration commitInterval,
            @DefaultValue("1s") Duration punctuateInterval,
            @DefaultValue("1048576") int maxRequestSize,
            @DefaultValue("0") int standbyReplicas,
            @DefaultValue("6s") Duration sessionTimeout,
            @DefaultValue("1500ms") Duration heartbeatInterval,
            @DefaultValue("5s") Duration transactionTimeout,
            @DefaultValue("10MB") DataSize recordCache,
            @DefaultValue("128MB") DataSize rocksdbOffHeap,
            @DefaultValue("32MB") DataSize rocksdbMemtables,
            @DefaultValue("16KB") DataSize producerBatchSize) {

        public Streams {
            if (producerBatchSize.toBytes() <= 0 || producerBatchSize.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("reconciliation.streams.producer-batch-size must be positive");
            }
            if (rocksdbMemtables.compareTo(rocksdbOffHeap) >= 0 || recordCache.toBytes() < 0) {
                throw new IllegalArgumentException("reconciliation.streams: rocksdb-memtables must be less than "
                        + "rocksdb-off-heap, record-cache not negative");
            }
            if (heartbeatInterval.compareTo(sessionTimeout) >= 0 || transactionTimeout.compareTo(commitInterval) <= 0) {
                throw new IllegalArgumentException("reconciliation.streams: heartbeat-interval must be shorter than "
                        + "session-timeout, transaction-timeout longer than commit-interval");
            }
        }
    }

    /**
     * Matching windows and late grace, per bounded context with a default. Which value a context gets,
     * first found wins: {@code contexts.<context>.window|grace} here (for claims the environment
     * variables {@code RECONCILIATION_CLAIMS_WINDOW|GRACE}), then the context's rule set
     * ({@code correlation.window|grace}), then {@code window|grace} here ({@code RECONCILIATION_WINDOW|GRACE}).
     *
     * @param duplicateRetention how long (event time) a decided pair is remembered in full
     * @param duplicateHorizon   how long (event time) a decided pair's key is remembered, so that a redelivered
     *                           outcome is dropped, never decided again; at least the participants' outcome
     *                           retention (the legacy adapter keeps and republishes outcomes for 14 days)
     * @param idleAfter          with no record for this long, a partition is idle and the wall clock drives expiry
     */
    public record Correlation(
            @DefaultValue("30s") Duration window,
            @DefaultValue("5m") Duration grace,
            @DefaultValue("1h") Duration duplicateRetention,
            @DefaultValue("14d") Duration duplicateHorizon,
            @DefaultValue("10s") Duration idleAfter,
            @DefaultValue Map<String, ContextTiming> contexts) {

        /**
         * @param fromRuleSets each rule set's window and grace by context (either may be {@code null})
         */
        public CorrelationPolicy policy(Map<String, ContextTiming> fromRuleSets) {
            Set<String> names = new TreeSet<>(fromRuleSets.keySet());
            names.addAll(contexts.keySet());
            Map<String, CorrelationPolicy.Timing> perContext = new LinkedHashMap<>();
            for (String name : names) {
                ContextTiming configured = contexts.getOrDefault(name, new ContextTiming(null, null));
                ContextTiming ruled = fromRuleSets.getOrDefault(name, new ContextTiming(null, null));
                perContext.put(name, new CorrelationPolicy.Timing(
                        first(configured.window(), ruled.window(), window),
                        first(configured.grace(), ruled.grace(), grace)));
            }
            return new CorrelationPolicy(new CorrelationPolicy.Timing(window, grace), perContext, duplicateRetention,
                    duplicateHorizon, idleAfter);
        }

        private static Duration first(Duration... candidates) {
            for (Duration candidate : candidates) {
                if (candidate != null) {
                    return candidate;
                }
            }
            return null;
        }
    }

    /** A context's own window and grace; either may be left unset ({@code null}). */
    public record ContextTiming(Duration window, Duration grace) {
    }

    /**
     * Where the comparison rule sets are and the key for keyed-hash redaction.
     *
     * @param locations    folders ({@code classpath:rules/}, {@code file:/etc/parallelrun/rules/}) whose
     *                     {@code *.yml}/{@code *.yaml} files are rule sets, or single files; they replace the default
     * @param redactionKey the key of the keyed hash (HMAC-SHA256) that redaction rules with {@code action: hash}
     *                     use; required when any rule set hashes, never in the repository outside the local profile
     * @param requireWhatIf when true, a rule-set version not stored before starts only if a what-if report was run on
     *                     exactly its file (same content SHA-256, docs/rules.md "What-if"); otherwise the service
     *                     refuses to start
     */
    public record Rules(@DefaultValue("classpath:rules/") List<String> locations, String redactionKey,
            @DefaultValue("false") boolean requireWhatIf) {
    }

    /**
     * The verdict sink (topic to PostgreSQL). While PostgreSQL cannot take verdicts it waits and tries again
     * for as long as that lasts, backing off from {@code retry.initial-backoff} to at most
     * {@code retry.max-backoff} between attempts: there is deliberately no {@code max-attempts}, an outage is
     * never a reason to dead-letter.
     *
     * @param deadLetterSendTimeout how long to wait for the broker to acknowledge a dead letter before the
     *                              batch fails (and is not committed)
     */
    public record Sink(@DefaultValue Retry retry, @DefaultValue("15s") Duration deadLetterSendTimeout) {
    }

    /** A bounded backoff between attempts. */
    public record Retry(@DefaultValue("500ms") Duration initialBackoff, @DefaultValue("2.0") double multiplier,
            @DefaultValue("30s") Duration maxBackoff) {
    }

    /** Limits of the query API. */
    public record Api(@DefaultValue("50") int defaultLimit, @DefaultValue("500") int maxLimit,
            @DefaultValue("P31D") Duration maxMatchRateWindow) {
    }

    /**
     * The API's users. Passwords in Spring Security's encoded form, e.g. {@code {bcrypt}...}.
     *
     * @param rateLimit requests per user: a token bucket of {@code burst}, refilled at {@code requests-per-second}
     * @param jwt       optional bearer tokens next to HTTP Basic; off unless a key, a key set or an issuer is named
     */
    public record Security(@DefaultValue List<User> users, @DefaultValue RateLimit rateLimit, @DefaultValue Jwt jwt) {
    }

    /**
     * Bearer tokens (JWT, OAuth2 resource server) from an identity provider, accepted next to HTTP Basic when one of
     * {@code publicKeyLocation}, {@code jwkSetUri} or {@code issuerUri} is set. The token's roles come from
     * {@code rolesClaim} ({@code AUDITOR}, {@code OPERATOR}, {@code ADMIN}; other values are ignored), the person's
     * name from {@code principalClaim}: it is what the access log and every {@code requestedBy} show.
     *
     * @param publicKeyLocation a PEM RSA public key ({@code file:/etc/parallelrun/jwt.pub}, {@code classpath:...}):
     *                          tokens signed with its private key (RS256) are accepted, no network needed
     * @param jwkSetUri         the identity provider's JWK set, fetched and cached
     * @param issuerUri         the {@code iss} every token must carry; alone, also where the key set is discovered
     *                          ({@code <issuer>/.well-known/openid-configuration}, at the first token)
     * @param audiences         when not empty, a token's {@code aud} must name one of them
     * @param rolesClaim        the claim holding the roles: a list or a space- or comma-separated string; a dotted
     *                          name reaches into an object ({@code realm_access.roles})
     * @param principalClaim    the claim naming the person; a token without it is refused (401)
     */
    public record Jwt(String publicKeyLocation, String jwkSetUri, String issuerUri, @DefaultValue List<String> audiences,
            @DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String principalClaim) {

        /** Whether bearer tokens are accepted at all. */
        public boolean enabled() {
            return isSet(publicKeyLocation) || isSet(jwkSetUri) || isSet(issuerUri);
        }

        static boolean isSet(String value) {
            return value != null && !value.isBlank();
        }
    }

    /** Answered 429 with {@code Retry-After} beyond it. */
    public record RateLimit(@DefaultValue("20") int requestsPerSecond, @DefaultValue("40") int burst) {

        public RateLimit {
            if (requestsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("reconciliation.security.rate-limit: requests-per-second and burst "
                        + "must be at least 1");
            }
        }
    }

    /** One API user and its roles ({@code AUDITOR}, {@code OPERATOR}, {@code ADMIN}). */
    public record User(String name, String password, List<String> roles) {
    }
}
