package dev.parallelrun.legacysystem.pricing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LegacyRoundingTest {

    @Test
    void roundsHalfCentsUp() {
        assertThat(LegacyRounding.halfUp(344_375, 1_000)).isEqualTo(344);
        assertThat(LegacyRounding.halfUp(4_995, 1_000)).isEqualTo(5);
        assertThat(LegacyRounding.halfUp(4_994, 1_000)).isEqualTo(5);
        assertThat(LegacyRounding.halfUp(4_494, 1_000)).isEqualTo(4);
        assertThat(LegacyRounding.halfUp(4_500, 1_000)).isEqualTo(5);
        assertThat(LegacyRounding.halfUp(2_500, 1_000)).isEqualTo(3);
    }

    @Test
    void refusesNegativeAmounts() {
        assertThatThrownBy(() -> LegacyRounding.halfUp(-1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
