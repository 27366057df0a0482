package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.ops.metrics.MetricLabels;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationMetricsLabelsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CorrelationConfig.MicrometerCorrelationMetrics metrics = new CorrelationConfig.MicrometerCorrelationMetrics(
            registry, new MetricLabels(List.of(RuleSetFixtures.claims())));

    @Test
    void foldsContextsAndOutcomeTypesNoRuleSetNamesIntoOther() {
        for (int i = 0; i < 100; i++) {
            metrics.duplicateDropped("context-" + i, "Type" + i);
            metrics.lateArrival("claims", "Type" + i, true);
            metrics.arrivalSkew("context-" + i, "ClaimAssessed", 10);
        }
        metrics.duplicateDropped("claims", "ClaimAssessed");

        assertThat(registry.get("reconciliation.duplicates.dropped").tags("context", "other", "outcome_type", "other")
                .counter().count()).isEqualTo(100);
        assertThat(registry.get("reconciliation.duplicates.dropped").tags("context", "claims", "outcome_type", "ClaimAssessed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("reconciliation.late.arrivals").tags("context", "claims", "outcome_type", "other")
                .counter().count()).isEqualTo(100);
        assertThat(registry.find("reconciliation.arrival.skew").summaries()).singleElement()
                .satisfies(s -> assertThat(s.getId().getTag("context")).isEqualTo("other"));
        assertThat(registry.getMeters()).hasSizeLessThan(10);
    }
}
