package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.rules.domain.MatchRateTargets;
import dev.parallelrun.reconciliation.scheduling.PeriodicTask;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The match rate per context and outcome type, as auditors see it: computed periodically from the
 * current (not superseded) verdicts in PostgreSQL decided within the window, so it survives restarts
 * and every instance of the service reports the same value. Exposes
 * {@code reconciliation_match_rate_ratio{context,outcome_type}} (only while something counts toward it),
 * {@code reconciliation_match_rate_window_verdicts{context,outcome_type,agreement}},
 * {@code reconciliation_match_rate_counted_verdicts{context,outcome_type}} (how many verdicts the rate rests on:
 * agree + disagree), {@code reconciliation_match_rate_window_unsampled_intents{context}} (intents accepted within
 * the window that sampling left out of the parallel run, so no verdict counts them) and
 * {@code reconciliation_match_rate_target_ratio{context,outcome_type}} (the outcome type's readiness target in the
 * context's rule set, else the configured target; a context whose outcome types are not known yet reports its
 * configured target under {@code outcome_type="*"}).
 */
final class MatchRateGauges extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(MatchRateGauges.class);
    static final String COUNT_SQL = "SELECT context, outcome_type, classification, count(*) AS n FROM verdict "
            + "WHERE superseded_by IS NULL AND replay_id IS NULL AND decided_at >= ? GROUP BY context, outcome_type, classification";

    private final JdbcTemplate jdbc;
    private final ReconciliationMetricsProperties.MatchRate settings;
    private final MatchRateTargets targets;
    private final Clock clock;
    private final MultiGauge matchRate;
    private final MultiGauge windowVerdicts;
    private final MultiGauge countedVerdicts;
    private final MultiGauge unsampledIntents;
    private final MultiGauge target;

    MatchRateGauges(JdbcTemplate jdbc, ReconciliationMetricsProperties.MatchRate settings, MatchRateTargets targets,
            Clock clock, MeterRegistry registry) {
        super("match-rate-gauges", settings.refreshInterval());
        this.jdbc = jdbc;
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
        this.matchRate = MultiGauge.builder("reconciliation.match.rate").baseUnit("ratio")
                .description("agree / (agree + disagree) of the current verdicts decided within the window")
                .register(registry);
        this.windowVerdicts = MultiGauge.builder("reconciliation.match.rate.window.verdicts")
                .description("Current verdicts decided within the match-rate window, by agreement (agree, disagree, excluded)")
                .register(registry);
        this.countedVerdicts = MultiGauge.builder("reconciliation.match.rate.counted.verdicts")
                .description("The verdicts the match rate is computed from: agree + disagree within the window")
                .register(registry);
        this.unsampledIntents = MultiGauge.builder("reconciliation.match.rate.window.unsampled.intents")
                .description("Intents accepted within the match-rate window that sampling left out of the parallel run")
                .register(registry);
        this.target = MultiGauge.builder("reconciliation.match.rate.target").baseUnit("ratio")
                .description("The match rate a context must reach before the new service may take authority")
                .register(registry);
        publishTargets(List.of());
    }

    /** Reads the window's counts and replaces every row of the gauges. */
    void refresh() {
        Instant since = clock.instant().minus(settings.window());
        List<MatchRateTally.ClassificationCount> counts = jdbc.query(COUNT_SQL,
                (rs, row) -> new MatchRateTally.ClassificationCount(rs.getString("context"), rs.getString("outcome_type"),
                        rs.getString("classification"), rs.getLong("n")),
                Timestamp.from(since));
        Map<String, Long> unsampled = new LinkedHashMap<>();
        jdbc.query(UnsampledIntentStore.COUNT_SINCE, rs -> {
            unsampled.put(rs.getString("context"), rs.getLong("n"));
        }, Timestamp.from(since));
        publish(MatchRateTally.of(counts), unsampled);
    }

    void publish(List<MatchRateTally> tallies) {
        publish(tallies, Map.of());
    }

    /**
     * @param unsampled intents left out by sampling within the window, per context; a context with none (or
     *                  with verdicts or a target only) reports 0
     */
    void publish(List<MatchRateTally> tallies, Map<String, Long> unsampled) {
        List<MultiGauge.Row<?>> rates = new ArrayList<>();
        List<MultiGauge.Row<?>> verdicts = new ArrayList<>();
        List<MultiGauge.Row<?>> counted = new ArrayList<>();
        for (MatchRateTally tally : tallies) {
            Tags tags = Tags.of("context", tally.context(), "outcome_type", tally.outcomeType());
            tally.matchRate().ifPresent(rate -> rates.add(MultiGauge.Row.of(tags, rate)));
            for (Classification.MatchRateBucket bucket : Classification.MatchRateBucket.values()) {
                verdicts.add(MultiGauge.Row.of(tags.and("agreement", agreement(bucket)), tally.count(bucket)));
            }
            counted.add(MultiGauge.Row.of(tags, tally.agree() + tally.disagree()));
        }
        matchRate.register(rates, true);
        windowVerdicts.register(verdicts, true);
        countedVerdicts.register(counted, true);
        Set<String> contexts = new LinkedHashSet<>(settings.targets().keySet());
        tallies.forEach(tally -> contexts.add(tally.context()));
        contexts.addAll(unsampled.keySet());
        unsampledIntents.register(contexts.stream().<MultiGauge.Row<?>>map(context ->
                MultiGauge.Row.of(Tags.of("context", context), unsampled.getOrDefault(context, 0L))).toList(), true);
        publishTargets(tallies);
    }

    /** A target per context and outcome type: every one the rule sets know and every one with verdicts. */
    private void publishTargets(List<MatchRateTally> tallies) {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        for (String context : targets.contexts()) {
            types.computeIfAbsent(context, c -> new LinkedHashSet<>()).addAll(targets.outcomeTypesOf(context));
        }
        settings.targets().keySet().forEach(context -> types.computeIfAbsent(context, c -> new LinkedHashSet<>()));
        tallies.forEach(tally -> types.computeIfAbsent(tally.context(), c -> new LinkedHashSet<>()).add(tally.outcomeType()));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        types.forEach((context, outcomeTypes) -> {
            if (outcomeTypes.isEmpty()) {
                rows.add(MultiGauge.Row.of(Tags.of("context", context, "outcome_type", "*"), targets.targetOf(context, null)));
            }
            for (String outcomeType : outcomeTypes) {
                rows.add(MultiGauge.Row.of(Tags.of("context", context, "outcome_type", outcomeType),
                        targets.targetOf(context, outcomeType)));
            }
        });
        target.register(rows, true);
    }

    /** The label value of a bucket: {@code agree}, {@code disagree}, {@code excluded}. */
    static String agreement(Classification.MatchRateBucket bucket) {
        return bucket.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep the last values: a database hiccup must not look like a match-rate drop
            log.warn("could not refresh the match-rate gauges: {}", e.toString());
        }
    }

    @Override
    protected void runOnce() {
        refreshQuietly();
    }
}
