package dev.parallelrun.legacysystem.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LegacyClaimProcessorTest {

    private final LegacyClaimProcessor processor = new LegacyClaimProcessor();

    /** The documented example: motor, 1234.56 EUR, DE, reported the day after the incident. */
    private static LegacyClaimForm claim() {
        return new LegacyClaimForm("req-1", "CLM-1001", "POL-77", "MOTOR", "DE", "1234.56", "EUR", "20261101",
                "20261102", "rear-end collision");
    }

    private static LegacyClaimForm claim(String amount, String description) {
        LegacyClaimForm c = claim();
        return new LegacyClaimForm(c.reqKey(), c.claimNo(), c.policyNo(), c.lob(), c.ctry(), amount, c.ccy(),
                c.lossDt(), c.rptDt(), description);
    }

    @Test
    void decidesTheDocumentedExample() {
        LegacyDecision decision = processor.process(claim());

        assertThat(decision.claimNo()).isEqualTo("CLM-1001");
        assertThat(decision.status()).isEqualTo(LegacyStatus.APPROVED);
        assertThat(decision.fraudIndicator()).isEqualTo("N");
        assertThat(decision.riskScore()).isEqualTo(10);
        assertThat(decision.reasonCode()).isEmpty();
        assertThat(LegacyAmounts.format(decision.paymentCents())).isEqualTo("976.10");
        assertThat(LegacyAmounts.format(decision.reserveCents())).isEqualTo("1358.02");
        assertThat(decision.message()).isEmpty();
    }

    @Test
    void listsPaymentLinesFirstThenReserveLines() {
        LegacyDecision decision = processor.process(claim());

        assertThat(decision.ledger()).containsExactly(
                new LegacyLedgerLine("5100", 'D', 976_10),
                new LegacyLedgerLine("2100", 'C', 976_10),
                new LegacyLedgerLine("1800", 'D', 1358_02),
                new LegacyLedgerLine("2900", 'C', 1358_02));
    }

    @Nested
    class Rounding {

        @Test
        void roundsThePaymentHalfUp() {
            // (1234.65 - 150.00) x 0.90 = 976.185
            LegacyDecision decision = processor.process(claim("1234.65", "rear-end collision"));

            assertThat(LegacyAmounts.format(decision.paymentCents())).isEqualTo("976.19");
        }

        @Test
        void roundsTheReserveHalfUp() {
            // 0.15 x 1.10 = 0.165: half-up 0.17 where half-even would give 0.16
            LegacyDecision decision = processor.process(claim("0.15", "scratch"));

            assertThat(LegacyAmounts.format(decision.reserveCents())).isEqualTo("0.17");
        }

        @Test
        void truncatesNothingWhenThePaymentIsExact() {
            // (1150.00 - 150.00) x 0.90 = 900.00
            LegacyDecision decision = processor.process(claim("1150.00", "dent"));

            assertThat(LegacyAmounts.format(decision.paymentCents())).isEqualTo("900.00");
            assertThat(LegacyAmounts.format(decision.reserveCents())).isEqualTo("1265.00");
        }
    }

    @Nested
    class RiskScore {

        @Test
        void addsThirtyFivePointsAboveTwentyThousand() {
            LegacyDecision decision = processor.process(claim("20000.01", "collision"));

            assertThat(decision.riskScore()).isEqualTo(45);
            assertThat(decision.fraudIndicator()).isEqualTo("R");
            assertThat(decision.reasonCode()).isEqualTo("R01");
        }

        @Test
        void addsTwentyPointsAboveFiveThousandOnly() {
            assertThat(processor.process(claim("5000.00", "collision")).riskScore()).isEqualTo(10);
            assertThat(processor.process(claim("5000.01", "collision")).riskScore()).isEqualTo(30);
            assertThat(processor.process(claim("20000.00", "collision")).riskScore()).isEqualTo(30);
        }

        @Test
        void findsSuspiciousWordsIgnoringCase() {
            for (String description : List.of("car STOLEN overnight", "Theft of luggage", "kitchen fire",
                    "declared a Total Loss")) {
                assertThat(processor.process(claim("1000.00", description)).riskScore())
                        .as(description).isEqualTo(35);
            }
        }

        @Test
        void countsLateReportingOnlyBeyondOneHundredEightyDays() {
            LegacyClaimForm base = claim();
            LegacyClaimForm exactly180 = new LegacyClaimForm("r", "CLM-1", "POL-1", "MOTOR", "DE", "100.00", "EUR",
                    "20260505", "20261101", "");
            LegacyClaimForm day181 = new LegacyClaimForm("r", "CLM-1", "POL-1", "MOTOR", "DE", "100.00", "EUR",
                    "20260504", "20261101", "");

            assertThat(processor.process(base).riskScore()).isEqualTo(10);
            assertThat(processor.process(exactly180).riskScore()).isEqualTo(10);
            assertThat(processor.process(day181).riskScore()).isEqualTo(25);
        }

        @Test
        void addsTenPointsOutsideTheHomeRegions() {
            for (String region : List.of("DE", "AT", "CH", "FR", "NL", "BE", "de")) {
                assertThat(processor.process(inRegion(region)).riskScore()).as(region).isEqualTo(10);
            }
            assertThat(processor.process(inRegion("US")).riskScore()).isEqualTo(20);
        }

        @Test
        void suspectsFraudFromSeventyPointsAndReportsTheBiggestFactor() {
            // 10 + 35 (amount) + 25 (keyword) = 70
            LegacyDecision decision = processor.process(claim("25000.00", "vehicle stolen"));

            assertThat(decision.riskScore()).isEqualTo(70);
            assertThat(decision.fraudIndicator()).isEqualTo("Y");
            assertThat(decision.reasonCode()).isEqualTo("R01");
        }

        @Test
        void reportsTheKeywordWhenItOutweighsTheAmount() {
            // 10 + 20 (amount) + 25 (keyword) = 55
            LegacyDecision decision = processor.process(claim("6000.00", "fire in the garage"));

            assertThat(decision.riskScore()).isEqualTo(55);
            assertThat(decision.fraudIndicator()).isEqualTo("R");
            assertThat(decision.reasonCode()).isEqualTo("R02");
        }

        @Test
        void addsEveryFactorUpToNinetyFive() {
            LegacyClaimForm everything = new LegacyClaimForm("r", "CLM-1", "POL-1", "HOME", "US", "30000.00", "USD",
                    "20250101", "20261101", "total loss after fire");

            LegacyDecision decision = processor.process(everything);

            assertThat(decision.riskScore()).isEqualTo(95);
            assertThat(decision.fraudIndicator()).isEqualTo("Y");
            assertThat(decision.reasonCode()).isEqualTo("R01");
        }

        @Test
        void leavesTheReasonBlankWhenClear() {
            // 10 + 15 (late) + 10 (foreign) = 35: clear, although two factors applied
            LegacyClaimForm lateAndForeign = new LegacyClaimForm("r", "CLM-1", "POL-1", "MOTOR", "US", "100.00",
                    "USD", "20250101", "20261101", "");

            LegacyDecision decision = processor.process(lateAndForeign);

            assertThat(decision.riskScore()).isEqualTo(35);
            assertThat(decision.fraudIndicator()).isEqualTo("N");
            assertThat(decision.reasonCode()).isEmpty();
        }

        private LegacyClaimForm inRegion(String region) {
            LegacyClaimForm c = claim();
            return new LegacyClaimForm(c.reqKey(), c.claimNo(), c.policyNo(), c.lob(), region, c.amtClaimed(),
                    c.ccy(), c.lossDt(), c.rptDt(), c.desc());
        }
    }

    @Nested
    class OverloadedStatus {

        @Test
        void answersNotPaidWithFraudIndicatorYWhenReferred() {
            LegacyDecision decision = processor.process(claim("25000.00", "vehicle stolen"));

            assertThat(decision.status()).isEqualTo(LegacyStatus.NOT_PAID);
            assertThat(decision.status().code()).isEqualTo("02");
            assertThat(decision.fraudIndicator()).isEqualTo("Y");
            assertThat(decision.paymentCents()).isZero();
            assertThat(LegacyAmounts.format(decision.reserveCents())).isEqualTo("27500.00");
            assertThat(decision.ledger()).containsExactly(
                    new LegacyLedgerLine("1800", 'D', 27500_00),
                    new LegacyLedgerLine("2900", 'C', 27500_00));
        }

        @Test
        void answersNotPaidWithoutFraudWhenAtOrBelowTheDeductible() {
            LegacyDecision decision = processor.process(claim("150.00", "scratch"));

            assertThat(decision.status().code()).isEqualTo("02");
            assertThat(decision.fraudIndicator()).isEqualTo("N");
            assertThat(decision.paymentCents()).isZero();
            assertThat(decision.ledger()).extracting(LegacyLedgerLine::account).containsExactly("1800", "2900");
        }

        @Test
        void paysAClaimUnderReview() {
            LegacyDecision decision = processor.process(claim("20000.01", "collision"));

            assertThat(decision.fraudIndicator()).isEqualTo("R");
            assertThat(decision.status().code()).isEqualTo("00");
            // (20000.01 - 150.00) x 0.90 = 17865.009
            assertThat(LegacyAmounts.format(decision.paymentCents())).isEqualTo("17865.01");
        }

        @Test
        void answersValidationErrorForAnUnknownPolicy() {
            for (String policy : List.of("POL-0", "POL-000", "0")) {
                LegacyClaimForm c = claim();
                LegacyDecision decision = processor.process(new LegacyClaimForm(c.reqKey(), c.claimNo(), policy,
                        c.lob(), c.ctry(), c.amtClaimed(), c.ccy(), c.lossDt(), c.rptDt(), c.desc()));

                assertThat(decision.status().code()).as(policy).isEqualTo("09");
                assertThat(decision.message()).isEqualTo("UNKNOWN POLICY " + policy);
                assertThat(decision.claimNo()).isEqualTo("CLM-1001");
                assertThat(decision.ledger()).isEmpty();
            }
        }

        @Test
        void knowsPoliciesWithAnyNonZeroDigit() {
            assertThat(LegacyClaimProcessor.isUnknownPolicy("POL-100")).isFalse();
            assertThat(LegacyClaimProcessor.isUnknownPolicy("POL-77")).isFalse();
            assertThat(LegacyClaimProcessor.isUnknownPolicy("POL-00")).isTrue();
        }

        @Test
        void answersValidationErrorForMalformedFields() {
            LegacyClaimForm c = claim();
            assertThat(processor.process(claim("12.345", "x")).message()).isEqualTo("INVALID AMT_CLAIMED 12.345");
            assertThat(processor.process(claim("1234", "x")).message()).isEqualTo("INVALID AMT_CLAIMED 1234");
            assertThat(processor.process(claim("0.00", "x")).message()).isEqualTo("INVALID AMT_CLAIMED 0.00");
            assertThat(processor.process(new LegacyClaimForm(c.reqKey(), c.claimNo(), c.policyNo(), c.lob(), c.ctry(),
                    c.amtClaimed(), c.ccy(), "2026-11-01", c.rptDt(), c.desc())).message())
                    .isEqualTo("INVALID LOSS_DT 2026-11-01");
            assertThat(processor.process(new LegacyClaimForm(null, c.claimNo(), c.policyNo(), c.lob(), c.ctry(),
                    c.amtClaimed(), c.ccy(), c.lossDt(), c.rptDt(), c.desc())).message())
                    .isEqualTo("MISSING REQ_KEY");
        }
    }

    @Nested
    class ProductLines {

        @Test
        void appliesEachLinesDeductibleAndCoverage() {
            assertThat(paymentFor("HOME", "1250.00")).isEqualTo("850.00");
            assertThat(paymentFor("TRAVEL", "250.00")).isEqualTo("200.00");
            assertThat(paymentFor("PET", "600.00")).isEqualTo("400.00");
            assertThat(paymentFor("motor", "1150.00")).isEqualTo("900.00");
        }

        private String paymentFor(String lob, String amount) {
            LegacyClaimForm c = claim();
            LegacyDecision decision = processor.process(new LegacyClaimForm(c.reqKey(), c.claimNo(), c.policyNo(), lob,
                    c.ctry(), amount, c.ccy(), c.lossDt(), c.rptDt(), "dent"));
            return LegacyAmounts.format(decision.paymentCents());
        }
    }
}
