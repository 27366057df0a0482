package dev.parallelrun.reconciliation.replay.application;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The runner's own meters: {@code parallelrun_replay_published_total{context}} (replayed intents committed by this
 * instance; the committed intents themselves are counted from the topic as {@code parallelrun_replayed_intents_total});
 * the runs themselves are {@link ReplayGauges}.
 */
public class ReplayMetrics {

    private final MeterRegistry registry;

    public ReplayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String context, long count) {
        if (count > 0) {
            registry.counter("parallelrun.replay.published", "context", context).increment(count);
        }
    }
}
