package dev.parallelrun.legacysystem.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LegacyQuirksTest {

    @Test
    void alwaysFailsClaimNumbersStartingWithClmFail() {
        LegacyQuirks quirks = new LegacyQuirks(0.0);

        assertThat(quirks.failsFor("CLM-FAIL-1")).isTrue();
        assertThat(quirks.failsFor("CLM-1001")).isFalse();
    }

    @Test
    void failsTheSameClaimNumbersEveryTime() {
        LegacyQuirks quirks = new LegacyQuirks(0.5);
        LegacyQuirks again = new LegacyQuirks(0.5);

        IntStream.range(0, 200).mapToObj(i -> "CLM-" + i)
                .forEach(claim -> assertThat(quirks.failsFor(claim)).isEqualTo(again.failsFor(claim)));
    }

    @Test
    void failsRoughlyTheConfiguredShareOfClaimNumbers() {
        LegacyQuirks quirks = new LegacyQuirks(0.3);

        long failing = IntStream.range(0, 10_000).mapToObj(i -> "CLM-" + i).filter(quirks::failsFor).count();

        assertThat(failing).isBetween(2_700L, 3_300L);
    }

    @Test
    void failsNothingAtRateZeroAndEverythingAtRateOne() {
        assertThat(IntStream.range(0, 1_000).mapToObj(i -> "CLM-" + i).anyMatch(new LegacyQuirks(0.0)::failsFor)).isFalse();
        assertThat(IntStream.range(0, 1_000).mapToObj(i -> "CLM-" + i).allMatch(new LegacyQuirks(1.0)::failsFor)).isTrue();
    }

    @Test
    void answersSlowlyForClaimNumbersStartingWithClmSlow() {
        LegacyQuirks quirks = new LegacyQuirks(0.0);

        assertThat(quirks.isSlow("CLM-SLOW-7")).isTrue();
        assertThat(quirks.isSlow("CLM-7")).isFalse();
        assertThat(quirks.failsFor("CLM-SLOW-7")).isFalse();
    }

    @Test
    void failsAndSlowsQuoteNumbersTheSameWay() {
        LegacyQuirks quirks = new LegacyQuirks(0.0);

        assertThat(quirks.failsFor("QTE-FAIL-1")).isTrue();
        assertThat(quirks.isSlow("QTE-SLOW-1")).isTrue();
        assertThat(quirks.failsFor("QTE-1001")).isFalse();
        assertThat(quirks.isSlow("QTE-1001")).isFalse();
    }
}
