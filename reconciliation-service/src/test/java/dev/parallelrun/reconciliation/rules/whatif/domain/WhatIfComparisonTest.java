package dev.parallelrun.reconciliation.rules.whatif.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfComparisonTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final RuleSet base = rules("orders-1", "tolerance: 0", "drop");
    private final RuleBasedComparator inForce = RuleSetFixtures.comparator(base);

    @Test
    void reportsPairsWithinTheLoosenedToleranceAsMismatchToTolerated() {
        WhatIfComparison comparison = comparison(rules("orders-2", "absolute: 5", "drop"));

        comparison.add(pair("a", Classification.MISMATCH, 100, 103));
        comparison.add(pair("b", Classification.MISMATCH, 100, 110));
        comparison.add(pair("c", Classification.MATCH, 100, 100));
        comparison.add(pair("d", Classification.MISMATCH, 100, 96));

        WhatIfOutcome outcome = comparison.outcome(base.version());
        assertThat(outcome.compared()).isEqualTo(4);
        assertThat(outcome.unchanged()).isEqualTo(2);
        assertThat(outcome.changes()).containsExactly(
                new ClassChange(Classification.MISMATCH, Classification.TOLERATED, 2, List.of("a", "d")));
        assertThat(outcome.baseVersions()).isEqualTo(Map.of(base.version(), 4L));
        assertThat(outcome.candidateVersion()).startsWith("orders-2@sha256:");
    }

    @Test
    void keepsALatePairTimingWhileItStaysEquivalentAndMismatchWhenItDoesNot() {
        WhatIfComparison comparison = comparison(rules("orders-2", "tolerance: 0", "drop"));

        comparison.add(pair("late-equal", Classification.TIMING, 100, 100));
        comparison.add(pair("late-now-different", Classification.TIMING, 100, 101));

        WhatIfOutcome outcome = comparison.outcome(base.version());
        assertThat(outcome.unchanged()).isEqualTo(1);
        assertThat(outcome.changes()).containsExactly(
                new ClassChange(Classification.TIMING, Classification.MISMATCH, 1, List.of("late-now-different")));
    }

    @Test
    void countsWhatIsNoComparisonOrCannotBeReComparedAsSkippedNeverAsAChange() {
        WhatIfComparison comparison = comparison(rules("orders-2", "absolute: 5", "drop"));

        comparison.add(pair("failed", Classification.FAILED, 100, 103));
        comparison.add(pair("missing", Classification.MISSING_SHADOW, 100, 103));
        comparison.add(new StoredPair("no-outcomes", "OrderPriced", Classification.MISMATCH, base.version(), null, null,
                List.of("/total"), AT));
        comparison.add(new StoredPair("dropped", "OrderPriced", Classification.MISMATCH, base.version(),
                RuleSetFixtures.json("{\"total\": 100}"), RuleSetFixtures.json("{\"total\": 100}"),
                List.of("/customer/email"), AT));

        WhatIfOutcome outcome = comparison.outcome(base.version());
        assertThat(outcome.compared()).isZero();
        assertThat(outcome.changes()).isEmpty();
        assertThat(outcome.skipped()).isEqualTo(4);
        assertThat(outcome.skippedByReason()).containsEntry(WhatIfComparison.NOT_BOTH_COMPLETED, 2L)
                .containsEntry(WhatIfComparison.OUTCOMES_NOT_STORED, 1L)
                .containsEntry(WhatIfComparison.DIFFERED_AT_REDACTED_PATH, 1L);
    }

    @Test
    void namesDroppedAndMaskedPathsAsNotComparableButNotHashedOnes() {
        RuleSet masking = rules("orders-1", "tolerance: 0", "mask");
        WhatIfComparison comparison = new WhatIfComparison("orders", RuleSetFixtures.comparator(masking),
                rules("orders-2", "absolute: 5", "mask"), version -> version.equals(masking.version()) ? masking : null);

        List<NotComparable> notComparable = comparison.outcome(masking.version()).notComparable();

        assertThat(notComparable).extracting(NotComparable::path, NotComparable::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/customer/email", "MASK"));
        assertThat(notComparable.get(0).reason()).contains(masking.version());
    }

    @Test
    void refusesACandidateOfAnotherContext() {
        assertThatThrownBy(() -> new WhatIfComparison("claims", inForce, rules("orders-2", "absolute: 5", "drop"),
                version -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders");
    }

    @Test
    void readsDifferencePointersAsSegments() {
        assertThat(WhatIfComparison.segments("/")).isEmpty();
        assertThat(WhatIfComparison.segments("/a~1b/c~0d/0")).containsExactly("a/b", "c~d", "0");
    }

    private WhatIfComparison comparison(RuleSet candidate) {
        return new WhatIfComparison("orders", inForce, candidate, version -> version.equals(base.version()) ? base : null);
    }

    private StoredPair pair(String correlationId, Classification classification, int legacyTotal, int shadowTotal) {
        return new StoredPair(correlationId, "OrderPriced", classification, base.version(),
                RuleSetFixtures.json("{\"total\": " + legacyTotal + "}"),
                RuleSetFixtures.json("{\"total\": " + shadowTotal + "}"),
                legacyTotal == shadowTotal ? List.of() : List.of("/total"), AT);
    }

    /** Orders rules: /total numeric with the given option, /customer/email redacted, /customer/id hashed. */
    private static RuleSet rules(String version, String totalOption, String emailAction) {
        String option = totalOption.startsWith("tolerance") ? "" : "\n        " + totalOption;
        String yaml = """
                context: orders
                version: %s
                default: {comparator: exact, severity: HIGH}
                redaction:
                  - path: /customer/email
                    action: %s
                  - path: /customer/id
                    action: hash
                outcomeTypes:
                  OrderPriced:
                    fields:
                      - path: /total
                        comparator: numeric%s
                        severity: MEDIUM
                """.formatted(version, emailAction, option);
        return RuleSetParser.parse(version + ".yml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
