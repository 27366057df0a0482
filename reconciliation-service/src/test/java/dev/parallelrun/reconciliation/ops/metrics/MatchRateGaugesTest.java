package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchRateGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MatchRateGauges gauges = new MatchRateGauges(null,
            new ReconciliationMetricsProperties.MatchRate(Duration.ofMinutes(15), Duration.ofSeconds(30), 0.95,
                    Map.of("claims", 0.99)),
            Clock.systemUTC(), registry);

    @Test
    void publishesTheMatchRateTheWindowCountsAndTheTargetPerContext() {
        gauges.publish(List.of(new MatchRateTally("claims", "ClaimAssessed", 98, 2, 5),
                new MatchRateTally("motor", "PolicyQuoted", 1, 1, 0)));

        assertThat(registry.get("reconciliation.match.rate").tags("context", "claims", "outcome_type", "ClaimAssessed")
                .gauge().value()).isEqualTo(0.98);
        assertThat(registry.get("reconciliation.match.rate.window.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed", "agreement", "excluded").gauge().value())
                .isEqualTo(5);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims").gauge().value())
                .isEqualTo(0.99);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "motor").gauge().value())
                .isEqualTo(0.95);
    }

    @Test
    void dropsTheMatchRateOfAPairThatNoLongerHasCountedVerdicts() {
        gauges.publish(List.of(new MatchRateTally("claims", "ClaimAssessed", 1, 0, 0)));
        gauges.publish(List.of(new MatchRateTally("claims", "ClaimAssessed", 0, 0, 3)));

        assertThat(registry.find("reconciliation.match.rate").gauges()).isEmpty();
        assertThat(registry.get("reconciliation.match.rate.window.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed", "agreement", "agree").gauge().value())
                .isZero();
    }

    @Test
    void saysHowManyVerdictsTheRateRestsOnAndHowManyIntentsSamplingLeftOut() {
        gauges.publish(List.of(new MatchRateTally("claims", "ClaimAssessed", 98, 2, 5),
                new MatchRateTally("motor", "PolicyQuoted", 1, 1, 0)), Map.of("claims", 40L));

        assertThat(registry.get("reconciliation.match.rate.counted.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed").gauge().value()).isEqualTo(100);
        assertThat(registry.get("reconciliation.match.rate.window.unsampled.intents").tags("context", "claims")
                .gauge().value()).isEqualTo(40);
        assertThat(registry.get("reconciliation.match.rate.window.unsampled.intents").tags("context", "motor")
                .gauge().value()).isZero();
    }

    @Test
    void publishesConfiguredTargetsBeforeAnyVerdict() {
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims").gauge().value())
                .isEqualTo(0.99);
    }
}
