package dev.parallelrun.adapter.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimAssessed.FraudDecision;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.claims.PaymentDecided.Decision;
import dev.parallelrun.events.claims.PaymentDecided.Direction;
import dev.parallelrun.events.claims.PaymentDecided.LedgerEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LegacyClaimTranslatorTest {

    private final LegacyClaimTranslator translator = new LegacyClaimTranslator();

    /** The golden claim: motor, 1234.56 EUR, DE. */
    static ClaimSubmitted claim() {
        return claim(new BigDecimal("1234.56"));
    }

    static ClaimSubmitted claim(BigDecimal amount) {
        return new ClaimSubmitted("CLM-1001", "POL-77", "motor", "DE", amount, "EUR", LocalDate.parse("2026-11-01"),
                "rear-end collision", new ClaimSubmitted.Claimant("Erika Mustermann", "erika@example.org"));
    }

    static LegacyClaimResponse.LedgerLine line(String account, String dc, String amount) {
        return new LegacyClaimResponse.LedgerLine(account, dc, amount);
    }

    /** What the legacy platform answers for the golden claim. */
    static LegacyClaimResponse approved() {
        return new LegacyClaimResponse("CLM-1001", "00", "N", "10", "", "976.10", "1358.02", "", List.of(
                line("5100", "D", "976.10"), line("2100", "C", "976.10"),
                line("1800", "D", "1358.02"), line("2900", "C", "1358.02")));
    }

    @Nested
    class ToTheLegacyRequest {

        @Test
        void writesEveryFieldTheLegacyWay() {
            LegacyClaimRequest request = translator.toLegacyRequest("8c1f3a52", claim(),
                    Instant.parse("2026-11-02T09:15:30.123Z"));

            assertThat(request).isEqualTo(new LegacyClaimRequest("8c1f3a52", "CLM-1001", "POL-77", "MOTOR", "DE",
                    "1234.56", "EUR", "20261101", "20261102", "rear-end collision"));
        }

        @Test
        void takesTheReportDateInUtc() {
            LegacyClaimRequest request = translator.toLegacyRequest("k", claim(), Instant.parse("2026-11-02T23:30:00Z"));
            LegacyClaimRequest early = translator.toLegacyRequest("k", claim(), Instant.parse("2026-11-03T00:30:00+02:00"));

            assertThat(request.rptDt()).isEqualTo("20261102");
            assertThat(early.rptDt()).isEqualTo("20261102");
        }

        @Test
        void writesAmountsWithExactlyTwoDecimals() {
            assertThat(translator.toLegacyRequest("k", claim(new BigDecimal("1234.5")), Instant.EPOCH).amtClaimed())
                    .isEqualTo("1234.50");
            assertThat(translator.toLegacyRequest("k", claim(new BigDecimal("1234")), Instant.EPOCH).amtClaimed())
                    .isEqualTo("1234.00");
            assertThat(translator.toLegacyRequest("k", claim(new BigDecimal("1234.560")), Instant.EPOCH).amtClaimed())
                    .isEqualTo("1234.56");
            assertThat(translator.toLegacyRequest("k", claim(new BigDecimal("1E+3")), Instant.EPOCH).amtClaimed())
                    .isEqualTo("1000.00");
        }

        @Test
        void refusesAnAmountTheLegacyFormatCannotHoldRatherThanRoundingIt() {
            assertThatThrownBy(() -> translator.toLegacyRequest("k", claim(new BigDecimal("1234.565")), Instant.EPOCH))
                    .isInstanceOf(InvalidClaimException.class)
                    .hasMessageContaining("1234.565");
        }

        @Test
        void leavesMissingFieldsBlankForTheLegacyPlatformToValidate() {
            ClaimSubmitted sparse = new ClaimSubmitted(null, null, null, null, null, null, null, null, null);

            LegacyClaimRequest request = translator.toLegacyRequest("k", sparse, Instant.parse("2026-11-02T09:00:00Z"));

            assertThat(request).isEqualTo(new LegacyClaimRequest("k", "", "", "", "", "", "", "", "20261102", ""));
        }
    }

    @Nested
    class FromTheLegacyAnswer {

        @Test
        void translatesAnApprovedClaim() {
            ClaimOutcome outcome = translator.toOutcome(claim(), new LegacyCallResult.Answered(approved()));

            assertThat(outcome).isEqualTo(new ClaimOutcome.Decided(
                    new ClaimAssessed("CLM-1001", FraudDecision.CLEAR, 10, List.of()),
                    new PaymentDecided("CLM-1001", Decision.APPROVED, new BigDecimal("976.10"),
                            new BigDecimal("1358.02"), "EUR", List.of(
                                    new LedgerEntry("claims-expense", Direction.DEBIT, new BigDecimal("976.10")),
                                    new LedgerEntry("claims-payable", Direction.CREDIT, new BigDecimal("976.10")),
                                    new LedgerEntry("claims-reserve", Direction.DEBIT, new BigDecimal("1358.02")),
                                    new LedgerEntry("outstanding-claims", Direction.CREDIT, new BigDecimal("1358.02"))))));
        }

        @Test
        void keepsAmountsExactWithScaleTwo() {
            PaymentDecided payment = decided(new LegacyClaimResponse("CLM-1001", "00", "N", "10", "", "976.19",
                    "1358.12", "", List.of(line("5100", "D", "976.19"), line("2100", "C", "976.19"),
                            line("1800", "D", "1358.12"), line("2900", "C", "1358.12")))).payment();

            assertThat(payment.paymentAmount()).isEqualTo(new BigDecimal("976.19")).hasScaleOf(2);
            assertThat(payment.reserveAmount()).isEqualTo(new BigDecimal("1358.12")).hasScaleOf(2);
            assertThat(payment.ledgerEntries()).allSatisfy(entry -> assertThat(entry.amount().scale()).isEqualTo(2));
            assertThat(decided(new LegacyClaimResponse("CLM-1001", "02", "N", "10", "", "0.00", "110.00", "",
                    List.of())).payment().paymentAmount()).isEqualTo(new BigDecimal("0.00")).hasScaleOf(2);
        }

        @Test
        void sortsTheLedgerByAccountThenDirection() {
            List<LedgerEntry> entries = new LegacyLedgerTranslator().entries(List.of(
                    line("2900", "C", "1.00"), line("1800", "D", "1.00"), line("2100", "C", "2.00"),
                    line("5100", "D", "2.00"), line("1800", "C", "3.00")));

            assertThat(entries).extracting(LedgerEntry::account, LedgerEntry::direction).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("claims-expense", Direction.DEBIT),
                    org.assertj.core.groups.Tuple.tuple("claims-payable", Direction.CREDIT),
                    org.assertj.core.groups.Tuple.tuple("claims-reserve", Direction.CREDIT),
                    org.assertj.core.groups.Tuple.tuple("claims-reserve", Direction.DEBIT),
                    org.assertj.core.groups.Tuple.tuple("outstanding-claims", Direction.CREDIT));
        }

        @Test
        void translatesAReferredClaim() {
            ClaimOutcome.Decided decided = decided(new LegacyClaimResponse("CLM-1001", "02", "Y", "70", "R01", "0.00",
                    "27500.00", "", List.of(line("1800", "D", "27500.00"), line("2900", "C", "27500.00"))));

            assertThat(decided.assessment()).isEqualTo(
                    new ClaimAssessed("CLM-1001", FraudDecision.SUSPECTED_FRAUD, 70, List.of("HIGH_AMOUNT")));
            assertThat(decided.payment().decision()).isEqualTo(Decision.REFERRED);
            assertThat(decided.payment().paymentAmount()).isEqualByComparingTo("0");
            assertThat(decided.payment().ledgerEntries()).extracting(LedgerEntry::account)
                    .containsExactly("claims-reserve", "outstanding-claims");
        }

        @Test
        void translatesADeclinedClaimUnderReview() {
            ClaimOutcome.Decided decided = decided(new LegacyClaimResponse("CLM-1001", "02", "R", "45", "R02", "0.00",
                    "110.00", "", List.of(line("1800", "D", "110.00"), line("2900", "C", "110.00"))));

            assertThat(decided.assessment().fraudDecision()).isEqualTo(FraudDecision.REVIEW);
            assertThat(decided.assessment().riskReasons()).containsExactly("SUSPICIOUS_DESCRIPTION");
            assertThat(decided.payment().decision()).isEqualTo(Decision.DECLINED);
        }

        @Test
        void rejectsBothOutcomesOnAValidationError() {
            ClaimOutcome outcome = translator.toOutcome(claim(), new LegacyCallResult.Answered(new LegacyClaimResponse(
                    "CLM-1001", "09", "", "0", "", "0.00", "0.00", "UNKNOWN POLICY POL-000", List.of())));

            assertThat(outcome).isEqualTo(new ClaimOutcome.Rejected("unknown-policy", "UNKNOWN POLICY POL-000"));
        }

        @Test
        void failsWithTheReasonOfAMissingAnswer() {
            assertThat(translator.toOutcome(claim(), new LegacyCallResult.Unavailable(LegacyCallFailure.TIMEOUT,
                    "no answer within PT2S after 3 attempts")))
                    .isEqualTo(new ClaimOutcome.Failed("legacy-timeout", "no answer within PT2S after 3 attempts"));
            assertThat(translator.toOutcome(claim(), new LegacyCallResult.Unavailable(LegacyCallFailure.ERROR,
                    "HTTP 500 after 3 attempts")))
                    .isEqualTo(new ClaimOutcome.Failed("legacy-error", "HTTP 500 after 3 attempts"));
        }

        @Test
        void failsOnAnAnswerOutsideTheKnownFormat() {
            LegacyClaimResponse a = approved();
            List<LegacyClaimResponse> unreadable = List.of(
                    new LegacyClaimResponse(a.claimNo(), "07", a.fraudInd(), a.riskScr(), a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), "X", a.riskScr(), a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), "ten", a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), "101", a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), a.riskScr(), a.rsnCd(), "976.1", a.rsvAmt(), a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), a.riskScr(), a.rsnCd(), a.payAmt(), null, a.msg(), a.ledger()),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), a.riskScr(), a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(),
                            List.of(line("9999", "D", "1.00"))),
                    new LegacyClaimResponse(a.claimNo(), a.status(), a.fraudInd(), a.riskScr(), a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(),
                            List.of(line("1800", "X", "1.00"))),
                    new LegacyClaimResponse("CLM-9999", a.status(), a.fraudInd(), a.riskScr(), a.rsnCd(), a.payAmt(), a.rsvAmt(), a.msg(), a.ledger()));

            for (LegacyClaimResponse response : unreadable) {
                ClaimOutcome outcome = translator.toOutcome(claim(), new LegacyCallResult.Answered(response));

                assertThat(outcome).as(response.toString()).isInstanceOfSatisfying(ClaimOutcome.Failed.class, failed -> {
                    assertThat(failed.reason()).isEqualTo("legacy-error");
                    assertThat(failed.detail()).startsWith("unreadable legacy answer: ");
                });
            }
        }

        private ClaimOutcome.Decided decided(LegacyClaimResponse response) {
            return (ClaimOutcome.Decided) translator.toOutcome(claim(), new LegacyCallResult.Answered(response));
        }
    }
}
