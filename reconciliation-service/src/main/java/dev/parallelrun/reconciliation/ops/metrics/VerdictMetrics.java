package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.verdict.Classification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts verdicts as they are committed to the verdict topic and measures how long each took.
 *
 * <ul>
 *   <li>{@code reconciliation_verdicts_decided_total{context,outcome_type,classification,agreement}}: every
 *       classification of a context and outcome type is registered at zero as soon as the first verdict of that
 *       pair type is seen, so rates and alerts never have to cope with a missing series. {@code agreement} is the
 *       classification's match-rate bucket ({@code agree}, {@code disagree}, {@code excluded}), so PromQL computes
 *       a match rate from counters alone. A late arrival's superseding verdict is counted as a decision too.</li>
 *   <li>{@code reconciliation_verdict_latency_seconds{context,outcome_type}}: from the second outcome's arrival at
 *       the correlator to the verdict being committed (visible to read-committed readers), a histogram for
 *       p50/p95/p99. Verdicts with one side missing have no second arrival and are not timed.</li>
 *   <li>{@code parallelrun_replay_verdicts_total{context}}: the verdicts of replays and noise runs, which stay out of
 *       the two above (a replay re-runs old traffic: it must not move a live match rate or a live latency).</li>
 * </ul>
 */
final class VerdictMetrics {

    /** Context and outcome-type pairs are data (folded to the rule sets' names); a second bound, should rule sets grow. */
    static final int MAX_PAIR_TYPES = 200;

    private final MeterRegistry registry;
    private final MetricLabels labels;
    private final Map<List<String>, PairMeters> meters = new ConcurrentHashMap<>();

    /** @param labels folds contexts and outcome types no rule set names into {@code other} */
    VerdictMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
        labels.contexts().forEach(context -> registry.counter("parallelrun.replay.verdicts", "context", context));
    }

    /** Records one verdict, observed committed at the given instant. */
    void record(VerdictTally verdict, Instant observedAt) {
        if (verdict.context() == null || verdict.outcomeType() == null || verdict.classification() == null) {
            return;
        }
        if (verdict.replayId() != null) {
            registry.counter("parallelrun.replay.verdicts", "context", labels.context(verdict.context())).increment();
            return;
        }
        PairMeters pair = meters(labels.context(verdict.context()),
                labels.outcomeType(verdict.context(), verdict.outcomeType()));
        if (pair == null) {
            return;
        }
        pair.decided.get(verdict.classification()).increment();
        Instant legacy = verdict.legacyReceivedAt();
        Instant shadow = verdict.shadowReceivedAt();
        if (legacy != null && shadow != null) {
            Instant second = legacy.isAfter(shadow) ? legacy : shadow;
            Duration latency = Duration.between(second, observedAt);
            pair.latency.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    private PairMeters meters(String context, String outcomeType) {
        List<String> key = List.of(context, outcomeType);
        PairMeters existing = meters.get(key);
        if (existing != null || meters.size() >= MAX_PAIR_TYPES) {
            return existing;
        }
        return meters.computeIfAbsent(key, k -> new PairMeters(context, outcomeType));
    }

    private final class PairMeters {
        final Map<Classification, Counter> decided = new EnumMap<>(Classification.class);
        final Timer latency;

        PairMeters(String context, String outcomeType) {
            for (Classification classification : Classification.values()) {
                decided.put(classification, Counter.builder("reconciliation.verdicts.decided")
                        .description("Verdicts committed to the verdict topic, by classification and match-rate agreement")
                        .tag("context", context).tag("outcome_type", outcomeType)
                        .tag("classification", classification.name())
                        .tag("agreement", MatchRateGauges.agreement(classification.bucket()))
                        .register(registry));
            }
            latency = Timer.builder("reconciliation.verdict.latency")
                    .description("From the second outcome's arrival to the verdict being committed")
                    .tag("context", context).tag("outcome_type", outcomeType)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry);
        }
    }
}
