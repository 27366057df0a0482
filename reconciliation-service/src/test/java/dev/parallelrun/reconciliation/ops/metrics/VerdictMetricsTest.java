package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerdictMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VerdictMetrics metrics = new VerdictMetrics(registry,
            new MetricLabels(List.of(RuleSetFixtures.claims())));

    @Test
    void registersEveryClassificationAtZeroOnTheFirstVerdictOfAPairType() {
        metrics.record(verdict(Classification.MATCH, T0, T0.plusMillis(40), T0.plusMillis(45)), T0.plusMillis(300));

        assertThat(registry.find("reconciliation.verdicts.decided").counters()).hasSize(Classification.values().length);
        assertThat(decided("MATCH", "agree")).isEqualTo(1);
        assertThat(decided("MISSING_SHADOW", "disagree")).isZero();
        assertThat(decided("FAILED", "excluded")).isZero();
    }

    @Test
    void timesTheVerdictFromTheSecondOutcomesArrival() {
        metrics.record(verdict(Classification.MISMATCH, T0, T0.plusMillis(200), T0.plusMillis(201)), T0.plusMillis(450));

        var latency = registry.get("reconciliation.verdict.latency").tags("context", "claims", "outcome_type", "ClaimAssessed")
                .timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(decided("MISMATCH", "disagree")).isEqualTo(1);
    }

    @Test
    void doesNotTimeAVerdictWithOneSideMissing() {
        metrics.record(verdict(Classification.MISSING_LEGACY, null, T0, T0.plusSeconds(30)), T0.plusSeconds(31));

        assertThat(registry.get("reconciliation.verdict.latency").timer().count()).isZero();
        assertThat(decided("MISSING_LEGACY", "disagree")).isEqualTo(1);
    }

    @Test
    void foldsContextsAndOutcomeTypesNoRuleSetNamesIntoOther() {
        for (int i = 0; i < 50; i++) {
            metrics.record(VerdictTally.of(new Verdict("v-" + i, 1, null, "corr-" + i, "invented-" + i, "Made" + i,
                    Classification.UNANSWERED, Severity.HIGH, List.of(), "structural-1", null, null, T0, null, null, null,
                    null, null)), T0);
            metrics.record(VerdictTally.of(new Verdict("w-" + i, 1, null, "corr-" + i, "claims", "Made" + i,
                    Classification.MATCH, Severity.NONE, List.of(), "claims-1", null, null, T0, null, null, null,
                    null, null)), T0);
        }

        assertThat(registry.find("reconciliation.verdicts.decided").counters()).extracting(c -> c.getId().getTag("context"))
                .containsOnly("other", "claims");
        assertThat(registry.find("reconciliation.verdicts.decided").counters())
                .extracting(c -> c.getId().getTag("outcome_type")).containsOnly("other");
        assertThat(decided("other", "other", "UNANSWERED", "excluded")).isEqualTo(50);
        assertThat(decided("claims", "other", "MATCH", "agree")).isEqualTo(50);
    }

    @Test
    void countsUnansweredAsExcluded() {
        metrics.record(verdict(Classification.UNANSWERED, null, null, T0), T0.plusSeconds(1));

        assertThat(decided("UNANSWERED", "excluded")).isEqualTo(1);
    }

    private double decided(String classification, String agreement) {
        return decided("claims", "ClaimAssessed", classification, agreement);
    }

    private double decided(String context, String outcomeType, String classification, String agreement) {
        return registry.get("reconciliation.verdicts.decided")
                .tags("context", context, "outcome_type", outcomeType, "classification", classification,
                        "agreement", agreement)
                .counter().count();
    }

    private static VerdictTally verdict(Classification classification, Instant legacy, Instant shadow, Instant decided) {
        return VerdictTally.of(new Verdict("v-1", 1, null, "corr-1", "claims", "ClaimAssessed", classification, Severity.NONE, List.of(),
                "structural-1", legacy, shadow, decided, null, null, null, null, null));
    }
}
