package dev.parallelrun.participant;

import dev.parallelrun.events.Side;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The metrics every participant exposes, under the same names and labels (Prometheus names in brackets):
 * {@code participant.intents} ({@code participant_intents_total{context,side,result}}),
 * {@code participant.side_effects} ({@code participant_side_effects_total{side,type,status}}),
 * {@code participant.outcome.publish} ({@code participant_outcome_publish_seconds{side}}) and
 * {@code participant.dead_letters} ({@code participant_dead_letters_total{context,side}}).
 */
public final class ParticipantMetrics {

    /** {@code result} of an intent: its outcomes' status ({@code completed}, {@code rejected}, {@code failed}), or: */
    static final String DUPLICATE = "duplicate";
    /** An intent sampling left out of the parallel run, skipped by the shadow side. */
    static final String NOT_SAMPLED = "not_sampled";

    private final MeterRegistry registry;
    private final String context;
    private final String side;
    private final Timer publish;
    private final Counter deadLetters;

    public ParticipantMetrics(MeterRegistry registry, String context, Side side) {
        this.registry = registry;
        this.context = context;
        this.side = side.wireName();
        this.publish = Timer.builder("participant.outcome.publish")
                .description("Time from sending an intent's outcomes to the broker's acknowledgement of all of them")
                .tag("side", this.side)
                .register(registry);
        this.deadLetters = Counter.builder("participant.dead_letters")
                .description("Intents dead-lettered with their reason")
                .tags("context", context, "side", this.side)
                .register(registry);
    }

    void intent(String result) {
        Counter.builder("participant.intents")
                .description("Intents handled, by result")
                .tags("context", context, "side", side, "result", result)
                .register(registry)
                .increment();
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

    void deadLettered() {
        deadLetters.increment();
    }
}
