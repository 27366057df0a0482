package dev.parallelrun.reconciliation.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.ops.metrics.MatchRateTally.ClassificationCount;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchRateTallyTest {

    @Test
    void sumsClassificationsIntoAgreeDisagreeAndExcludedPerContextAndOutcomeType() {
        var tallies = MatchRateTally.of(List.of(
                new ClassificationCount("claims", "ClaimAssessed", "MATCH", 90),
                new ClassificationCount("claims", "ClaimAssessed", "TOLERATED", 5),
                new ClassificationCount("claims", "ClaimAssessed", "MISMATCH", 3),
                new ClassificationCount("claims", "ClaimAssessed", "MISSING_SHADOW", 2),
                new ClassificationCount("claims", "ClaimAssessed", "FAILED", 7),
                new ClassificationCount("claims", "PaymentDecided", "DATA_QUALITY", 4)));

        assertThat(tallies).containsExactly(
                new MatchRateTally("claims", "ClaimAssessed", 95, 5, 7),
                new MatchRateTally("claims", "PaymentDecided", 0, 0, 4));
        assertThat(tallies.get(0).matchRate()).hasValue(0.95);
    }

    @Test
    void hasNoMatchRateWhileOnlyExcludedVerdictsExist() {
        assertThat(new MatchRateTally("claims", "PaymentDecided", 0, 0, 4).matchRate()).isEmpty();
    }

    @Test
    void leavesOutAClassificationThisBuildDoesNotKnow() {
        var tallies = MatchRateTally.of(List.of(
                new ClassificationCount("claims", "ClaimAssessed", "MATCH", 1),
                new ClassificationCount("claims", "ClaimAssessed", "SOMETHING_NEW", 9)));

        assertThat(tallies).containsExactly(new MatchRateTally("claims", "ClaimAssessed", 1, 0, 0));
    }
}
