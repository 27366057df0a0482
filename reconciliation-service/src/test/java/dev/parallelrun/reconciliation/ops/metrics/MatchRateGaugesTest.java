package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.rules.domain.MatchRateTargets;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchRateGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReconciliationMetricsProperties.MatchRate settings = new ReconciliationMetricsProperties.MatchRate(
            Duration.ofMinutes(15), Duration.ofSeconds(30), 0.95, Map.of("claims", 0.99));
    private final MatchRateGauges gauges = new MatchRateGauges(null, settings,
            new MatchRateTargets(List.of(), settings.target(), settings.targets()), Clock.systemUTC(), registry);

    @Test
    void publishesTheMatchRateTheWindowCountsAndTheTargetPerContext() {
        gauges.publish(List.of(new MatchRateTally("claims", "ClaimAssessed", 98, 2, 5),
                new MatchRateTally("motor", "PolicyQuoted", 1, 1, 0)));

        assertThat(registry.get("reconciliation.match.rate").tags("context", "claims", "outcome_type", "ClaimAssessed")
                .gauge().value()).isEqualTo(0.98);
        assertThat(registry.get("reconciliation.match.rate.window.verdicts")
                .tags("context", "claims", "outcome_type", "ClaimAssessed", "agreement", "excluded").gauge().value())
                .isEqualTo(5);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims", "outcome_type",
                "ClaimAssessed").gauge().value()).isEqualTo(0.99);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "motor", "outcome_type",
                "PolicyQuoted").gauge().value()).isEqualTo(0.95);
    }

    @Test
    void takesTheTargetOfAnOutcomeTypeFromItsRuleSetsReadinessSection() {
        var ruleSet = RuleSetParser.parse("rules/claims.yml", ("context: claims\nversion: claims-9\n"
                + "readiness: {targets: {PaymentDecided: 0.999}}\noutcomeTypes: {ClaimAssessed: {}}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var withRules = new MatchRateGauges(null, settings, new MatchRateTargets(List.of(ruleSet), 0.95,
                Map.of("claims", 0.99)), Clock.systemUTC(), registry);

        withRules.publish(List.of(new MatchRateTally("claims", "PaymentDecided", 1, 0, 0)));

        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims", "outcome_type",
                "PaymentDecided").gauge().value()).isEqualTo(0.999);
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims", "outcome_type",
                "ClaimAssessed").gauge().value()).isEqualTo(0.99);
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
        assertThat(registry.get("reconciliation.match.rate.target").tags("context", "claims", "outcome_type", "*")
                .gauge().value()).isEqualTo(0.99);
    }
}
