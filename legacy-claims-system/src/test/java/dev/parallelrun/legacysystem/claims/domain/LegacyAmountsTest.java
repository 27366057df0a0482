package dev.parallelrun.legacysystem.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LegacyAmountsTest {

    @Test
    void parsesTwoDecimalStringsIntoCents() {
        assertThat(LegacyAmounts.parseCents("1234.56")).isEqualTo(123456);
        assertThat(LegacyAmounts.parseCents("0.05")).isEqualTo(5);
        assertThat(LegacyAmounts.parseCents("999999999999.99")).isEqualTo(99999999999999L);
    }

    @Test
    void refusesAnythingButExactlyTwoDecimals() {
        for (String text : new String[] {"1234.5", "1234", "1234.567", "-1.00", "1e3", "", " 1.00"}) {
            assertThat(LegacyAmounts.isAmount(text)).as(text).isFalse();
        }
        assertThatThrownBy(() -> LegacyAmounts.parseCents("1.5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsCentsWithTwoDecimals() {
        assertThat(LegacyAmounts.format(97619)).isEqualTo("976.19");
        assertThat(LegacyAmounts.format(97610)).isEqualTo("976.10");
        assertThat(LegacyAmounts.format(5)).isEqualTo("0.05");
        assertThat(LegacyAmounts.format(0)).isEqualTo("0.00");
    }

    @Test
    void roundsPercentagesHalfUp() {
        assertThat(LegacyAmounts.percentOfHalfUp(108465, 90)).isEqualTo(97619); // 976.185
        assertThat(LegacyAmounts.percentOfHalfUp(108464, 90)).isEqualTo(97618); // 976.176
        assertThat(LegacyAmounts.percentOfHalfUp(15, 110)).isEqualTo(17); // 0.165
        assertThat(LegacyAmounts.percentOfHalfUp(25, 110)).isEqualTo(28); // 0.275
    }
}
