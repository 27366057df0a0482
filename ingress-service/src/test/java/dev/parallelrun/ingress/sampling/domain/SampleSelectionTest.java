package dev.parallelrun.ingress.sampling.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleSelectionTest {

    /** 10,000 correlation ids, fixed so the test is the same on every run. */
    private static final List<String> IDS = IntStream.range(0, 10_000)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("correlation-" + i).getBytes()).toString())
            .toList();

    @Test
    void aRateOfZeroSelectsNoIntent() {
        assertThat(IDS).noneMatch(id -> SampleSelection.inSample(id, 0));
    }

    @Test
    void aRateOfAHundredPercentSelectsEveryIntent() {
        assertThat(IDS).allMatch(id -> SampleSelection.inSample(id, 10_000));
    }

    @Test
    void aRateOfTwentyFivePercentSelectsAQuarterOfTheIntents() {
        long selected = IDS.stream().filter(id -> SampleSelection.inSample(id, 2_500)).count();

        // binomial: n = 10,000, p = 0.25, standard deviation ~43; 4 standard deviations either side
        assertThat(selected).isBetween(2_330L, 2_670L);
    }

    @Test
    void theSameCorrelationIdIsAlwaysInOrAlwaysOut() {
        for (String id : IDS.subList(0, 100)) {
            assertThat(SampleSelection.inSample(id, 3_000)).isEqualTo(SampleSelection.inSample(id, 3_000));
            assertThat(SampleSelection.bucket(id)).isEqualTo(SampleSelection.bucket(new String(id.toCharArray())));
        }
    }

    @Test
    void raisingTheRateOnlyAddsIntents() {
        int[] rates = {0, 1, 100, 2_500, 2_501, 5_000, 9_999, 10_000};
        for (int i = 1; i < rates.length; i++) {
            int lower = rates[i - 1];
            int higher = rates[i];
            assertThat(IDS).as("%d -> %d basis points", lower, higher)
                    .allMatch(id -> !SampleSelection.inSample(id, lower) || SampleSelection.inSample(id, higher));
        }
        assertThat(IDS.stream().filter(id -> SampleSelection.inSample(id, 5_000)).count())
                .isGreaterThan(IDS.stream().filter(id -> SampleSelection.inSample(id, 2_500)).count());
    }

    @Test
    void bucketsSpreadOverTheWholeRange() {
        assertThat(IDS).allMatch(id -> SampleSelection.bucket(id) >= 0 && SampleSelection.bucket(id) < 10_000);
        assertThat(IDS.stream().mapToInt(SampleSelection::bucket).distinct().count()).isGreaterThan(6_000);
    }

    @Test
    void readsAPercentageExactlyInBasisPoints() {
        assertThat(SamplingRate.ofPercent("claims", "ClaimSubmitted", new BigDecimal("25.0")).basisPoints())
                .isEqualTo(2_500);
        assertThat(SamplingRate.ofPercent("claims", "ClaimSubmitted", new BigDecimal("0.01")).basisPoints())
                .isEqualTo(1);
        assertThat(SamplingRate.ofPercent("claims", "ClaimSubmitted", new BigDecimal("100")).percent())
                .hasToString("100");
        assertThat(new SamplingRate("claims", "ClaimSubmitted", 2_550).percent()).hasToString("25.5");
    }

    @Test
    void refusesAPercentageOutsideZeroToAHundredOrFinerThanABasisPoint() {
        for (String percent : List.of("-0.01", "100.01", "12.345")) {
            assertThatThrownBy(() -> SamplingRate.ofPercent("claims", "ClaimSubmitted", new BigDecimal(percent)))
                    .as(percent).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
