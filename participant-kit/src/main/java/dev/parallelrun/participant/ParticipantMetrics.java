package dev.parallelrun.participant;

import dev.parallelrun.events.Side;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics every participant exposes, under the same names and labels (Prometheus names in brackets):
 * {@code participant.intents} ({@code participant_intents_total{context,side,result}}),
 * {@code participant.side_effects} ({@code participant_side_effects_total{side,type,status}}),
 * {@code participant.outcome.publish} ({@code participant_outcome_publish_seconds{side}}),
 * {@code participant.dead_letters} ({@code participant_dead_letters_total{context,side}}),
 * {@code participant.side_effects.relayed} ({@code participant_side_effects_relayed_total{side,type}}),
 * {@code participant.side_effects.relay.backlog} ({@code participant_side_effects_relay_backlog{side}}),
 * {@code participant.replays.answered_from_store}
 * ({@code participant_replays_answered_from_store_total{context,side,found}}). Each side's
 * processing latency per outcome type is measured where both sides are seen, by reconciliation
 * ({@code parallelrun_side_latency_seconds}).
 */
public final class ParticipantMetrics {

    /** {@code result} of an intent: its outcomes' status ({@code completed}, {@code rejected}, {@code failed}), or: */
    static final String DUPLICATE = "duplicate";
    /** An intent sampling left out of the parallel run, skipped by the shadow side. */
    static final String NOT_SAMPLED = "not_sampled";
    /** A fallback intent (legacy executes it for real after the new service failed), skipped by the shadow side. */
    static final String FALLBACK = "fallback";

    private final MeterRegistry registry;
    private volatile ParticipantContexts contexts;
    private volatile boolean answersReplaysFromStore;
    private final String side;
    private final Timer publish;

    /** Metrics of a participant whose contexts are {@linkplain #bind(ParticipantContexts) bound} once its handlers exist. */
    public ParticipantMetrics(MeterRegistry registry, Side side) {
        this.registry = registry;
        this.side = side.wireName();
        this.publish = Timer.builder("participant.outcome.publish")
                .description("Time from sending an intent's outcomes to the broker's acknowledgement of all of them")
                .tag("side", this.side)
                .register(registry);
    }

    /** Metrics of a participant in the given contexts. */
    public ParticipantMetrics(MeterRegistry registry, ParticipantContexts contexts, Side side) {
        this(registry, side);
        bind(contexts);
    }

    /**
     * Names the participant's contexts, once its handlers exist (the metrics are needed earlier: a handler may use the
     * gate, which counts): bounds the {@code context} label and registers each context's dead-letter counter at zero.
     */
    void bind(ParticipantContexts participantContexts) {
        this.contexts = participantContexts;
        for (String context : participantContexts.names()) {
            deadLetterCounter(context);
        }
        if (answersReplaysFromStore) {
            registerReplaysAnsweredFromStore();
        }
    }

    /**
     * Registers at zero, for each of the participant's contexts (now, or once they are bound), the counters of replays
     * answered from the store: a participant that answers replays so has them from the start.
     */
    void registerReplaysAnsweredFromStore() {
        answersReplaysFromStore = true;
        ParticipantContexts bound = contexts;
        if (bound == null) {
            return;
        }
        for (String context : bound.names()) {
            for (boolean found : new boolean[] {true, false}) {
                answeredFromStore(context, found);
            }
        }
    }

    private String label(String context) {
        ParticipantContexts bound = contexts;
        return bound == null ? ParticipantContexts.OTHER : bound.label(context);
    }

    /**
     * An intent the new service was authoritative for but decided after its authority deadline, so as a
     * non-authoritative one ({@code participant_authority_deadline_passed_total{context,side}}).
     */
    void authorityDeadlinePassed(String context) {
        Counter.builder("participant.authority.deadline.passed")
                .description("Intents decided after the new service's authority deadline, as non-authoritative ones")
                .tags("context", label(context), "side", side)
                .register(registry)
                .increment();
    }

    void intent(String context, String result) {
        Counter.builder("participant.intents")
                .description("Intents handled, by result")
                .tags("context", label(context), "side", side, "result", result)
                .register(registry)
                .increment();
    }

    /**
     * A governed replay answered with the outcomes stored for its original ({@code found=true}), or failed for want of
     * them ({@code found=false}: the original never processed here, or purged by retention).
     */
    void replayAnsweredFromStore(String context, boolean found) {
        answeredFromStore(label(context), found).increment();
    }

    private Counter answeredFromStore(String context, boolean found) {
        return Counter.builder("participant.replays.answered_from_store")
                .description("Replayed intents answered with the outcomes stored for the original, without deciding again")
                .tags("context", context, "side", side, "found", String.valueOf(found))
                .register(registry);
    }

    void sideEffect(String type, SideEffectStatus status) {
        Counter.builder("participant.side_effects")
                .description("Side effects through the gate: dispatched (real) or suppressed (recorded only)")
                .tags("side", side, "type", type, "status", status.label())
                .register(registry)
                .increment();
    }

    void published(long nanos) {
        publish.record(nanos, TimeUnit.NANOSECONDS);
    }

    void relayed(String type) {
        Counter.builder("participant.side_effects.relayed")
                .description("Dispatched side effects published on sideeffects.dispatched.v1 and acknowledged")
                .tags("side", side, "type", type)
                .register(registry)
                .increment();
    }

    /** The dispatched side effects not relayed yet, as last counted by the relay. */
    void relayBacklog(Supplier<Number> backlog) {
        Gauge.builder("participant.side_effects.relay.backlog", () -> backlog.get().doubleValue())
                .description("Dispatched side effects waiting to be relayed")
                .tag("side", side)
                .register(registry);
    }

    /** The intents a participant with a parallelism above 1 has dispatched and not finished. */
    void intentsInFlight(Supplier<Number> inFlight) {
        Gauge.builder("participant.intents.in_flight", () -> inFlight.get().doubleValue())
                .description("Intents dispatched to the lanes and not finished; at participant.consumer.max-in-flight "
                        + "the consumer pauses its partitions")
                .tag("side", side)
                .register(registry);
    }

    void deadLettered(String topic) {
        ParticipantContexts bound = contexts;
        deadLetterCounter(bound == null ? ParticipantContexts.OTHER : bound.labelOfTopic(topic)).increment();
    }

    private Counter deadLetterCounter(String context) {
        return Counter.builder("participant.dead_letters")
                .description("Intents dead-lettered with their reason")
                .tags("context", context, "side", side)
                .register(registry);
    }
}
