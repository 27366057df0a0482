package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.verdict.Classification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stepped traffic's options and its line per step. */
class RateStepsTest {

    @Test
    void readsOneRateOrSeveral() {
        assertThat(RateSteps.parseRates("3")).containsExactly(3.0);
        assertThat(RateSteps.parseRates("20, 80,160.5")).containsExactly(20.0, 80.0, 160.5);
    }

    @Test
    void refusesWhatIsNotAPositiveRate() {
        assertThatThrownBy(() -> RateSteps.parseRates("20,fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20,fast");
        assertThatThrownBy(() -> RateSteps.parseRates("20,0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void aStepWithoutLateVerdictsKeepsUp() {
        RateSteps.Reading before = new RateSteps.Reading(0, 1_000, Map.of(Classification.MATCH, 900L,
                Classification.TIMING, 4L));
        RateSteps.Reading after = new RateSteps.Reading(10_000_000_000L, 2_000, Map.of(Classification.MATCH, 1_900L,
                Classification.TIMING, 4L));

        assertThat(RateSteps.line(2, 3, 100, before, after)).isEqualTo("[parallel-run] step 2/3 offered=100.0/s "
                + "accepted=100.0/s verdicts=100.0/s late=0 (TIMING=0 MISSING_LEGACY=0 MISSING_SHADOW=0) keeps up");
    }

    @Test
    void aStepWithLateVerdictsFallsBehindAndSaysWhichOnes() {
        RateSteps.Reading before = new RateSteps.Reading(0, 0, Map.of());
        RateSteps.Reading after = new RateSteps.Reading(20_000_000_000L, 4_000, Map.of(Classification.MATCH, 3_000L,
                Classification.MISSING_LEGACY, 30L, Classification.TIMING, 10L));

        assertThat(RateSteps.line(3, 3, 200, before, after)).isEqualTo("[parallel-run] step 3/3 offered=200.0/s "
                + "accepted=200.0/s verdicts=152.0/s late=40 (TIMING=10 MISSING_LEGACY=30 MISSING_SHADOW=0) falls behind");
    }
}
