package dev.parallelrun.participant;

import dev.parallelrun.events.Side;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configuration every participant reads, under the same keys ({@code participant.*}). The contexts it consumes
 * are not configured: they are its {@link IntentHandler}s' ({@link ParticipantContexts}).
 *
 * @param side           which side of the parallel run this participant is: {@code legacy} or {@code shadow}
 * @param source         the CloudEvents {@code source} of the outcomes it publishes
 * @param consumer       how it consumes the intent topic
 * @param retry          how an intent whose processing failed is retried: an infrastructure failure (database, broker)
 *                       with this backoff until the infrastructure is back, never dead-lettered; any other failure at
 *                       most {@code max-attempts} times before the intent is dead-lettered (a poison record at once)
 * @param publishTimeout how long to wait for the broker to acknowledge outcomes and dead letters
 * @param topics         how the topic it owns (its side's outcome topic) is created
 * @param retention      how long processed intents and the side-effect record are kept
 * @param relay          whether and how the side effects the gate dispatched are relayed to
 *                       {@code sideeffects.dispatched.v1} ({@link SideEffectRelay})
 * @param authorityDeadline how long after an intent's acceptance the new service may still act on its authority for
 *                       it (the {@link SideEffectGate}'s deadline). Later, reconciliation may already have handed the
 *                       intent to legacy as a fallback (at the end of the context's matching window), so a late shadow
 *                       decision is made as a non-authoritative one. Keep it shorter than every consumed context's
 *                       matching window by more than the slowest outcome delivery (default 15 s; windows 30 s)
 * @param replays        how a replayed intent is answered ({@link Replays})
 */
@ConfigurationProperties("participant")
public record ParticipantProperties(
        Side side,
        String source,
        @DefaultValue Consumer consumer,
        @DefaultValue Retry retry,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue Topics topics,
        @DefaultValue Retention retention,
        @DefaultValue Relay relay,
        @DefaultValue("15s") Duration authorityDeadline,
        @DefaultValue Replays replays) {

    @ConstructorBinding
    public ParticipantProperties {
        Objects.requireNonNull(side, "participant.side is required (legacy or shadow)");
        Objects.requireNonNull(source, "participant.source is required (e.g. urn:parallelrun:claims-service)");
        Objects.requireNonNull(consumer.group(), "participant.consumer.group is required: the participant's name");
        requirePositive(publishTimeout, "participant.publish-timeout");
        relay = relay == null ? Relay.DEFAULT : relay;
        authorityDeadline = authorityDeadline == null ? DEFAULT_AUTHORITY_DEADLINE : authorityDeadline;
        requirePositive(authorityDeadline, "participant.authority-deadline");
        replays = replays == null ? Replays.DEFAULT : replays;
    }

    /** The default {@code participant.authority-deadline}: half the shipped contexts' 30 s matching window. */
    public static final Duration DEFAULT_AUTHORITY_DEADLINE = Duration.ofSeconds(15);

    /** A participant whose replays are decided by its handlers (the default). */
    public ParticipantProperties(Side side, String source, Consumer consumer, Retry retry, Duration publishTimeout,
            Topics topics, Retention retention, Relay relay, Duration authorityDeadline) {
        this(side, source, consumer, retry, publishTimeout, topics, retention, relay, authorityDeadline, Replays.DEFAULT);
    }

    /** A participant with the authority deadline's default. */
    public ParticipantProperties(Side side, String source, Consumer consumer, Retry retry, Duration publishTimeout,
            Topics topics, Retention retention, Relay relay) {
        this(side, source, consumer, retry, publishTimeout, topics, retention, relay, DEFAULT_AUTHORITY_DEADLINE);
    }

    /** A participant with the relay's defaults (kept for the code that built properties before the relay existed). */
    public ParticipantProperties(Side side, String source, Consumer consumer, Retry retry, Duration publishTimeout,
            Topics topics, Retention retention) {
        this(side, source, consumer, retry, publishTimeout, topics, retention, Relay.DEFAULT);
    }

    /**
     * @param group       the consumer group id: the participant's name
     * @param parallelism intents worked on at once. 1 (the default) works a poll in offset order on the listener
     *                    thread, grouping its decisions into one commit ({@link IntentListener}); more runs intents on
     *                    that many threads, the intents of one key in order, and keeps polling while they run, so a
     *                    slow intent holds back only its own key ({@link ParallelIntentConsumer}): for a participant
     *                    that mostly waits (on legacy)
     * @param maxInFlight with a parallelism above 1, the most intents dispatched and not finished; at it the consumer
     *                    pauses its partitions until some finish
     * @param sessionTimeout how long the broker waits for a participant that stopped heartbeating (crashed, killed)
     *                    before its partitions move to a restarted or another instance: the longest a crash stalls the
     *                    intents, so keep it well inside the consumed contexts' matching windows (default 10 s; windows
     *                    30 s; Kafka's own default, 45 s, is longer than a window). Heartbeats go every third of it
     *                    from a thread of their own, so slow intents never count against it. The broker accepts 6 s to
     *                    5 min unless configured otherwise ({@code group.min/max.session.timeout.ms})
     */
    public record Consumer(String group, @DefaultValue("1") int parallelism, @DefaultValue("1000") int maxInFlight,
            @DefaultValue("10s") Duration sessionTimeout) {

        /** The default {@code participant.consumer.session-timeout}. */
        public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

        @ConstructorBinding
        public Consumer {
            sessionTimeout = sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT : sessionTimeout;
            requirePositive(sessionTimeout, "participant.consumer.session-timeout");
            if (parallelism < 1) {
                throw new IllegalArgumentException("participant.consumer.parallelism must be at least 1 but was "
                        + parallelism);
            }
            if (maxInFlight < parallelism) {
                throw new IllegalArgumentException("participant.consumer.max-in-flight must be at least the "
                        + "parallelism (" + parallelism + ") but was " + maxInFlight);
            }
        }

        /** A consumer with the default session timeout. */
        public Consumer(String group, int parallelism, int maxInFlight) {
            this(group, parallelism, maxInFlight, DEFAULT_SESSION_TIMEOUT);
        }

        /** A consumer with the default bound on intents in flight. */
        public Consumer(String group, int parallelism) {
            this(group, parallelism, Math.max(1000, parallelism));
        }
    }

    /**
     * A bounded exponential backoff.
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
                throw new IllegalArgumentException("participant.retry.max-attempts must be at least 1 but was "
                        + maxAttempts);
            }
            if (multiplier < 1) {
                throw new IllegalArgumentException("participant.retry.multiplier must be at least 1 but was " + multiplier);
            }
            requirePositive(initialBackoff, "participant.retry.initial-backoff");
            requirePositive(maxBackoff, "participant.retry.max-backoff");
        }
    }

    /**
     * @param partitions        of the outcome topic this participant declares
     * @param replicationFactor of it (production: 3)
     * @param minInsyncReplicas replicas that must have a write before {@code acks=all} answers (production: 2)
     */
    public record Topics(
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInsyncReplicas) {

        public Topics {
            if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("participant.topics: partitions, replication-factor and "
                        + "min-insync-replicas must be at least 1, min-insync-replicas at most replication-factor");
            }
        }
    }

    /**
     * @param processedIntents how long an intent is remembered to answer its redelivery with the stored outcomes and no
     *                         second decision: longer than the intent topic keeps records plus the longest outage. Where
     *                         replays are answered from stored outcomes ({@link Replays}) it is also how far back a
     *                         replay can reach: keep it at least as long as the replay horizon (7 days)
     * @param sideEffects      how long the record of a side effect is kept: audit evidence, so far longer; an intent's
     *                         entry is kept as long as its side effects (they refer to it)
     * @param cleanupInterval  how often older entries are deleted
     */
    public record Retention(
            @DefaultValue("14d") Duration processedIntents,
            @DefaultValue("400d") Duration sideEffects,
            @DefaultValue("1h") Duration cleanupInterval) {

        public Retention {
            requirePositive(processedIntents, "participant.retention.processed-intents");
            requirePositive(sideEffects, "participant.retention.side-effects");
            requirePositive(cleanupInterval, "participant.retention.cleanup-interval");
        }
    }

    /**
     * The outbox relay ({@link SideEffectRelay}).
     *
     * @param enabled   whether this participant relays its dispatched side effects; unset, a {@code shadow}
     *                  participant does (its side effects are its own to perform) and a {@code legacy} one does not
     *                  (legacy performs its own booking: the adapter only records it)
     * @param interval  the pause between two relay runs
     * @param batchSize the most side effects one run relays (one transaction, one wait for the broker)
     */
    public record Relay(
            Boolean enabled,
            @DefaultValue("250ms") Duration interval,
            @DefaultValue("100") int batchSize) {

        /** Enabled by side, every 250 ms, 100 at a time. */
        public static final Relay DEFAULT = new Relay(null, Duration.ofMillis(250), 100);

        public Relay {
            requirePositive(interval, "participant.relay.interval");
            if (batchSize < 1) {
                throw new IllegalArgumentException("participant.relay.batch-size must be at least 1 but was " + batchSize);
            }
        }

        /** Whether a participant on that side relays: as configured, else only the shadow side. */
        public boolean enabledOn(Side side) {
            return enabled != null ? enabled : side == Side.SHADOW;
        }
    }

    /**
     * How a replayed intent ({@code replay=true}) is answered.
     *
     * @param answerFromStoredOutcomes whether a governed replay ({@code replaykind} {@code replay} or absent) is answered
     *                                 with the outcomes stored for the original intent, re-identified, without calling
     *                                 the handler: the legacy adapter's rule, since legacy must never be asked again
     *                                 for a replay. Off (the default, the new services), the handler decides every
     *                                 replay, its side effects suppressed. A noise replay is always decided by the
     *                                 handler
     */
    public record Replays(@DefaultValue("false") boolean answerFromStoredOutcomes) {

        /** Every replay decided by the handler. */
        public static final Replays DEFAULT = new Replays(false);
    }

    /** Whether this participant relays the side effects its gate dispatched. */
    public boolean relays() {
        return relay.enabledOn(side);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration but was " + duration);
        }
    }
}
