package dev.parallelrun.adapter.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.events.claims.ClaimAssessed.FraudDecision;
import dev.parallelrun.events.claims.PaymentDecided.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyStatusTranslatorTest {

    private final LegacyStatusTranslator translator = new LegacyStatusTranslator();

    @ParameterizedTest(name = "STATUS {0} with FRAUD_IND {1} is {2}")
    @CsvSource({
            "00, N, APPROVED",
            "00, R, APPROVED",
            "02, Y, REFERRED",
            "02, R, DECLINED",
            "02, N, DECLINED"})
    void readsTheOverloadedStatusTogetherWithTheFraudIndicator(String status, String fraudIndicator, Decision expected) {
        assertThat(translator.decision(status, fraudIndicator)).isEqualTo(expected);
    }

    @Test
    void refusesAnUnknownStatus() {
        assertThatThrownBy(() -> translator.decision("07", "N"))
                .isInstanceOf(UnreadableLegacyAnswerException.class)
                .hasMessage("unknown STATUS '07'");
        assertThatThrownBy(() -> translator.decision(null, "N")).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @Test
    void recognisesTheValidationErrorStatus() {
        assertThat(translator.isValidationError("09")).isTrue();
        assertThat(translator.isValidationError("02")).isFalse();
        assertThat(translator.isValidationError(null)).isFalse();
    }

    @ParameterizedTest(name = "FRAUD_IND {0} is {1}")
    @CsvSource({"Y, SUSPECTED_FRAUD", "R, REVIEW", "N, CLEAR"})
    void translatesTheFraudIndicator(String fraudIndicator, FraudDecision expected) {
        assertThat(translator.fraudDecision(fraudIndicator)).isEqualTo(expected);
    }

    @Test
    void refusesAnUnknownFraudIndicator() {
        assertThatThrownBy(() -> translator.fraudDecision("X")).isInstanceOf(UnreadableLegacyAnswerException.class);
        assertThatThrownBy(() -> translator.fraudDecision("")).isInstanceOf(UnreadableLegacyAnswerException.class);
        assertThatThrownBy(() -> translator.fraudDecision(null)).isInstanceOf(UnreadableLegacyAnswerException.class);
    }

    @ParameterizedTest(name = "RSN_CD {0} is {1}")
    @CsvSource({
            "R01, HIGH_AMOUNT",
            "R02, SUSPICIOUS_DESCRIPTION",
            "R03, LATE_REPORTING",
            "R04, FOREIGN_REGION"})
    void mapsTheSingleReasonCodeToItsCanonicalReason(String reasonCode, String expected) {
        assertThat(translator.riskReasons(FraudDecision.REVIEW, reasonCode)).containsExactly(expected);
        assertThat(translator.riskReasons(FraudDecision.SUSPECTED_FRAUD, reasonCode)).containsExactly(expected);
    }

    @Test
    void givesNoReasonsWhenClear() {
        assertThat(translator.riskReasons(FraudDecision.CLEAR, "")).isEqualTo(List.of());
        assertThat(translator.riskReasons(FraudDecision.CLEAR, null)).isEqualTo(List.of());
    }

    @Test
    void refusesAMissingOrUnknownReasonWhenNotClear() {
        assertThatThrownBy(() -> translator.riskReasons(FraudDecision.REVIEW, ""))
                .isInstanceOf(UnreadableLegacyAnswerException.class);
        assertThatThrownBy(() -> translator.riskReasons(FraudDecision.SUSPECTED_FRAUD, "R99"))
                .isInstanceOf(UnreadableLegacyAnswerException.class)
                .hasMessageContaining("R99");
    }

    @Test
    void readsTheRejectionReasonFromTheMessage() {
        assertThat(translator.rejectionReason("UNKNOWN POLICY POL-000")).isEqualTo("unknown-policy");
        assertThat(translator.rejectionReason("INVALID AMT_CLAIMED 12.345")).isEqualTo("invalid-claim");
        assertThat(translator.rejectionReason(null)).isEqualTo("invalid-claim");
    }
}
