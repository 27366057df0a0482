package dev.parallelrun.reconciliation.replay.application;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The runner's own meters: {@code parallelrun_replay_published_total{context}} (replayed intents committed by this
 * instance; the committed intents themselves are counted from the topic as {@code parallelrun_replayed_intents_total});
 * the runs themselves are {@link ReplayGauges}.
 */
public class ReplayMetrics {

    private final MeterRegistry registry;

    /** @param contexts the contexts a rule set is in force for: their series are registered at zero */
    public ReplayMetrics(MeterRegistry registry, java.util.Collection<String> contexts) {
        this.registry = registry;
        contexts.forEach(context -> registry.counter("parallelrun.replay.published", "context", context));
    }

    void published(String context, long count) {
        if (count > 0) {
            registry.counter("parallelrun.replay.published", "context", context).increment(count);
        }
    }
}
