package dev.parallelrun.reconciliation.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerdictMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VerdictMetrics metrics = new VerdictMetrics(registry);

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

    private double decided(String classification, String agreement) {
        return registry.get("reconciliation.verdicts.decided")
                .tags("context", "claims", "outcome_type", "ClaimAssessed", "classification", classification,
                        "agreement", agreement)
                .counter().count();
    }

    private static Verdict verdict(Classification classification, Instant legacy, Instant shadow, Instant decided) {
        return new Verdict("v-1", 1, null, "corr-1", "claims", "ClaimAssessed", classification, Severity.NONE, List.of(),
                "structural-1", legacy, shadow, decided, null, null, null, null);
    }
}
