package dev.parallelrun.adapter.pricing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyQuoteStatusTranslatorTest {

    private final LegacyQuoteStatusTranslator statuses = new LegacyQuoteStatusTranslator();

    @Test
    void takesQ1AndQ2AsPricedAndE7AsNot() {
        assertThat(statuses.isPriced("Q1")).isTrue();
        assertThat(statuses.isPriced("Q2")).isTrue();
        assertThat(statuses.isPriced("E7")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q3", "E1", "q1", "", "00"})
    @NullSource
    void refusesAnUnknownStatus(String status) {
        assertThatThrownBy(() -> statuses.isPriced(status)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @Test
    void tellsTheTwoMeaningsOfE7ApartByTheMessage() {
        assertThat(statuses.declineReason("RISK NOT INSURABLE")).isEqualTo("uninsurable");
        assertThat(statuses.declineReason("LOB NOT OFFERED IN CTRY ")).isEqualTo("not-offered");
        assertThatThrownBy(() -> statuses.declineReason("")).isInstanceOf(UnreadableLegacyAnswerException.class);
        assertThatThrownBy(() -> statuses.declineReason(null)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "DE1900, DE-IPT-19",
            "AT1100, AT-IPT-11",
            "FR0900, FR-IPT-9",
            "NL2100, NL-IPT-21",
            "BE0925, BE-IPT-9.25",
            "CH0500, CH-IPT-5",
            "XX0750, XX-IPT-7.5",
    })
    void writesTheTaxCodeAsTheCanonicalTaxBasis(String taxCode, String taxBasis) {
        assertThat(statuses.taxBasis(taxCode)).isEqualTo(taxBasis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DE19", "DE-1900", "de1900", "DE19000"})
    void refusesATaxCodeOutsideTheFormat(String taxCode) {
        assertThatThrownBy(() -> statuses.taxBasis(taxCode)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @Test
    void readsDiscountReasonsInTheirOrder() {
        assertThat(statuses.discountReasons("0203")).containsExactly("MULTI_PRODUCT", "ONLINE");
        assertThat(statuses.discountReasons("010203")).containsExactly("LOYALTY", "MULTI_PRODUCT", "ONLINE");
        assertThat(statuses.discountReasons("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "04", "0202", "02 3"})
    void refusesUnknownRepeatedOrBrokenDiscountCodes(String field) {
        assertThatThrownBy(() -> statuses.discountReasons(field)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @Test
    void readsTheFixedWidthPromotionFieldAsASet() {
        assertThat(statuses.promotions("MULTWEB2        ")).containsExactly("MULT", "WEB2");
        assertThat(statuses.promotions("WEB2LOY5MULT    ")).containsExactly("LOY5", "MULT", "WEB2");
        assertThat(statuses.promotions("LOY5    MULT    ")).containsExactly("LOY5", "MULT");
        assertThat(statuses.promotions(" ".repeat(16))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MULTWEB2", "MULTWEB2         ", "MU  WEB2        "})
    void refusesAPromotionFieldOfAnotherWidthOrWithAPartialCode(String field) {
        assertThatThrownBy(() -> statuses.promotions(field)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }
}
