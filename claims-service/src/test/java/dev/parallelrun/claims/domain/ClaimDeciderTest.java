package dev.parallelrun.claims.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.claims.domain.LedgerEntry.Direction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimDeciderTest {

    private static final LocalDate REPORT_DATE = LocalDate.parse("2026-11-02");

    private final ClaimDecider decider = new ClaimDecider();

    /** The golden claim: motor, 1234.56 EUR, DE, a day old, "rear-end collision". */
    private static Claim claim() {
        return new Claim("CLM-1001", "POL-77", "motor", "DE", new BigDecimal("1234.56"), "EUR",
                LocalDate.parse("2026-11-01"), "rear-end collision");
    }

    private static Claim claim(String amount) {
        return withAmount(claim(), amount);
    }

    private static Claim withAmount(Claim c, String amount) {
        return new Claim(c.claimId(), c.policyId(), c.productLine(), c.region(), amount == null ? null : new BigDecimal(amount),
                c.currency(), c.incidentDate(), c.description());
    }

    private static Claim withDescription(Claim c, String description) {
        return new Claim(c.claimId(), c.policyId(), c.productLine(), c.region(), c.claimedAmount(), c.currency(),
                c.incidentDate(), description);
    }

    private static Claim withRegion(Claim c, String region) {
        return new Claim(c.claimId(), c.policyId(), c.productLine(), region, c.claimedAmount(), c.currency(),
                c.incidentDate(), c.description());
    }

    private static Claim withProductLine(Claim c, String productLine) {
        return new Claim(c.claimId(), c.policyId(), productLine, c.region(), c.claimedAmount(), c.currency(),
                c.incidentDate(), c.description());
    }

    private static Claim withPolicy(Claim c, String policyId) {
        return new Claim(c.claimId(), policyId, c.productLine(), c.region(), c.claimedAmount(), c.currency(),
                c.incidentDate(), c.description());
    }

    private static Claim withIncidentDate(Claim c, LocalDate incidentDate) {
        return new Claim(c.claimId(), c.policyId(), c.productLine(), c.region(), c.claimedAmount(), c.currency(),
                incidentDate, c.description());
    }

    private ClaimDecision.Decided decided(Claim claim) {
        ClaimDecision decision = decider.decide(claim, REPORT_DATE);
        assertThat(decision).isInstanceOf(ClaimDecision.Decided.class);
        return (ClaimDecision.Decided) decision;
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Nested
    class Assessment {

        @Test
        void clearsTheGoldenClaimWithTheBaseScoreAndNoReasons() {
            RiskAssessment risk = decided(claim()).risk();

            assertThat(risk.score()).isEqualTo(10);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.CLEAR);
            assertThat(risk.reasons()).isEmpty();
        }

        @Test
        void addsThirtyFivePointsAboveTwentyThousand() {
            RiskAssessment risk = decided(claim("20000.01")).risk();

            assertThat(risk.score()).isEqualTo(45);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
            assertThat(risk.reasons()).containsExactly("AMOUNT_OVER_20000");
        }

        @Test
        void countsExactlyTwentyThousandInTheLowerBand() {
            RiskAssessment risk = decided(withRegion(claim("20000.00"), "PL")).risk();

            assertThat(risk.score()).isEqualTo(40);
            assertThat(risk.reasons()).containsExactly("AMOUNT_OVER_5000", "FOREIGN_REGION");
        }

        @Test
        void addsNothingForExactlyFiveThousand() {
            assertThat(decided(claim("5000.00")).risk().score()).isEqualTo(10);
        }

        @Test
        void keepsReasonsToItselfWhenTheScoreStaysClear() {
            RiskAssessment risk = decided(claim("6000.00")).risk();

            assertThat(risk.score()).isEqualTo(30);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.CLEAR);
            assertThat(risk.reasons()).isEmpty();
        }

        @Test
        void scoresSuspiciousWordsOnceButNamesEachOneSorted() {
            Claim claim = withRegion(withDescription(claim(), "Car STOLEN, then set on Fire: a total loss"), "PL");

            RiskAssessment risk = decided(claim).risk();

            assertThat(risk.score()).isEqualTo(10 + 25 + 10);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
            assertThat(risk.reasons())
                    .containsExactly("FOREIGN_REGION", "KEYWORD_FIRE", "KEYWORD_STOLEN", "KEYWORD_TOTAL_LOSS");
        }

        @ParameterizedTest
        @CsvSource({"theft of the bike,KEYWORD_THEFT", "TOTAL LOSS after flood,KEYWORD_TOTAL_LOSS", "kitchen fire,KEYWORD_FIRE"})
        void recognisesEachKeywordInAnyCase(String description, String reason) {
            Claim claim = withRegion(withDescription(claim(), description), "US");

            assertThat(decided(claim).risk().reasons()).contains(reason);
        }

        @Test
        void reportsLateReportingAfterMoreThan180Days() {
            RiskAssessment late = decided(withRegion(withIncidentDate(claim(), REPORT_DATE.minusDays(181)), "US")).risk();
            RiskAssessment onTime = decided(withRegion(withIncidentDate(claim(), REPORT_DATE.minusDays(180)), "US")).risk();

            assertThat(late.score()).isEqualTo(35);
            assertThat(late.reasons()).isEmpty();
            assertThat(decided(withIncidentDate(claim("6000.00"), REPORT_DATE.minusDays(181))).risk().reasons())
                    .containsExactly("AMOUNT_OVER_5000", "LATE_REPORTING_180D");
            assertThat(onTime.score()).isEqualTo(20);
        }

        @ParameterizedTest
        @ValueSource(strings = {"DE", "AT", "CH", "FR", "NL", "BE", "de"})
        void treatsTheHomeRegionsAsDomestic(String region) {
            assertThat(decided(withRegion(claim(), region)).risk().score()).isEqualTo(10);
        }

        @Test
        void reviewsFromFortyPoints() {
            RiskAssessment risk = decided(withRegion(claim("5000.01"), "IT")).risk();

            assertThat(risk.score()).isEqualTo(40);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
        }

        @Test
        void staysClearAtThirtyFivePoints() {
            RiskAssessment risk = decided(withDescription(claim(), "garage fire")).risk();

            assertThat(risk.score()).isEqualTo(35);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.CLEAR);
            assertThat(risk.reasons()).isEmpty();
        }

        @Test
        void reviewsSixtyFivePoints() {
            RiskAssessment risk = decided(withRegion(withDescription(claim("6000.00"), "stolen"), "US")).risk();

            assertThat(risk.score()).isEqualTo(65);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
        }

        @Test
        void suspectsFraudFromSeventyPoints() {
            RiskAssessment risk = decided(withDescription(claim("25000.00"), "stolen")).risk();

            assertThat(risk.score()).isEqualTo(70);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.SUSPECTED_FRAUD);
            assertThat(risk.reasons()).containsExactly("AMOUNT_OVER_20000", "KEYWORD_STOLEN");
        }

        @Test
        void reviewsAHighValueClaimReportedOnTheDayOfTheIncident() {
            // the legacy system scores this 30, CLEAR: the new model's one genuine decision difference
            RiskAssessment risk = decided(withIncidentDate(claim("12000.00"), REPORT_DATE)).risk();

            assertThat(risk.score()).isEqualTo(10 + 20 + 20);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
            assertThat(risk.reasons()).containsExactly("AMOUNT_OVER_5000", "SAME_DAY_HIGH_VALUE");
        }

        @Test
        void addsTheSameDayFactorOnTopOfTheHighestAmountBand() {
            RiskAssessment risk = decided(withIncidentDate(claim("25000.00"), REPORT_DATE)).risk();

            assertThat(risk.score()).isEqualTo(10 + 35 + 20);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.REVIEW);
            assertThat(risk.reasons()).containsExactly("AMOUNT_OVER_20000", "SAME_DAY_HIGH_VALUE");
        }

        @Test
        void doesNotFlagAHighValueClaimReportedADayLater() {
            RiskAssessment risk = decided(withIncidentDate(claim("12000.00"), REPORT_DATE.minusDays(1))).risk();

            assertThat(risk.score()).isEqualTo(30);
            assertThat(risk.fraudClass()).isEqualTo(FraudClass.CLEAR);
        }

        @Test
        void doesNotFlagASameDayClaimOfExactlyTenThousand() {
            RiskAssessment risk = decided(withIncidentDate(claim("10000.00"), REPORT_DATE)).risk();

            assertThat(risk.score()).isEqualTo(30);
            assertThat(risk.reasons()).isEmpty();
        }

        @Test
        void paysASameDayHighValueClaimUnderReview() {
            PaymentDecision payment = decided(withIncidentDate(claim("12000.00"), REPORT_DATE)).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.APPROVED);
            assertThat(payment.payment()).isEqualTo(money("10665.00"));
        }

        @Test
        void addsEveryFactorUpToNinetyFive() {
            Claim everything = withRegion(withIncidentDate(withDescription(claim("25000.00"), "theft"),
                    REPORT_DATE.minusYears(1)), "US");

            RiskAssessment risk = decided(everything).risk();

            assertThat(risk.score()).isEqualTo(95);
            assertThat(risk.reasons())
                    .containsExactly("AMOUNT_OVER_20000", "FOREIGN_REGION", "KEYWORD_THEFT", "LATE_REPORTING_180D");
        }
    }

    @Nested
    class Payment {

        @Test
        void approvesTheGoldenClaimWithTheLedgerInCanonicalOrder() {
            PaymentDecision payment = decided(claim()).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.APPROVED);
            assertThat(payment.payment()).isEqualTo(money("976.10"));
            assertThat(payment.reserve()).isEqualTo(money("1358.02"));
            assertThat(payment.ledgerEntries()).containsExactly(
                    new LedgerEntry("claims-expense", Direction.DEBIT, money("976.10")),
                    new LedgerEntry("claims-payable", Direction.CREDIT, money("976.10")),
                    new LedgerEntry("claims-reserve", Direction.DEBIT, money("1358.02")),
                    new LedgerEntry("outstanding-claims", Direction.CREDIT, money("1358.02")));
        }

        @Test
        void roundsThePaymentHalfEven() {
            // (1234.65 - 150.00) x 0.90 = 976.185: half-up would give 976.19
            assertThat(decided(claim("1234.65")).payment().payment()).isEqualTo(money("976.18"));
        }

        @Test
        void roundsAnOddHalfUpLikeHalfUpWould() {
            // (1234.75 - 150.00) x 0.90 = 976.275 -> 976.28 either way
            assertThat(decided(claim("1234.75")).payment().payment()).isEqualTo(money("976.28"));
        }

        @Test
        void roundsTheReserveHalfEven() {
            // 1.15 x 1.10 = 1.265: half-up would give 1.27
            assertThat(decided(claim("1.15")).payment().reserve()).isEqualTo(money("1.26"));
        }

        @Test
        void declinesAtOrBelowTheDeductibleAndStillReserves() {
            PaymentDecision payment = decided(claim("150.00")).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.DECLINED);
            assertThat(payment.payment()).isEqualTo(money("0.00"));
            assertThat(payment.reserve()).isEqualTo(money("165.00"));
            assertThat(payment.ledgerEntries()).containsExactly(
                    new LedgerEntry("claims-reserve", Direction.DEBIT, money("165.00")),
                    new LedgerEntry("outstanding-claims", Direction.CREDIT, money("165.00")));
        }

        @Test
        void approvesOneCentAboveTheDeductible() {
            PaymentDecision payment = decided(claim("150.01")).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.APPROVED);
            assertThat(payment.payment()).isEqualTo(money("0.01"));
        }

        @Test
        void refersSuspectedFraudWithoutPaying() {
            PaymentDecision payment = decided(withDescription(claim("25000.00"), "stolen")).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.REFERRED);
            assertThat(payment.payment()).isEqualTo(money("0.00"));
            assertThat(payment.reserve()).isEqualTo(money("27500.00"));
            assertThat(payment.ledgerEntries()).extracting(LedgerEntry::account)
                    .containsExactly("claims-reserve", "outstanding-claims");
        }

        @Test
        void paysAReviewedClaim() {
            PaymentDecision payment = decided(claim("20000.01")).payment();

            assertThat(payment.outcome()).isEqualTo(PaymentOutcome.APPROVED);
            assertThat(payment.payment()).isEqualTo(money("17865.01"));
        }

        @ParameterizedTest
        @CsvSource({
                "motor, 1000.00, 765.00",
                "home, 1000.00, 637.50",
                "travel, 1000, 950.00",
                "pet, 1000.00, 720.00",
                "HOME, 250.00, 0.00"})
        void appliesEachProductLinesTerms(String productLine, String claimed, String expectedPayment) {
            PaymentDecision payment = decided(withProductLine(claim(claimed), productLine)).payment();

            assertThat(payment.payment()).isEqualTo(money(expectedPayment));
        }

        @Test
        void givesEveryAmountTwoDecimalPlaces() {
            PaymentDecision payment = decided(withProductLine(claim("1000"), "travel")).payment();

            assertThat(payment.payment().scale()).isEqualTo(2);
            assertThat(payment.reserve().scale()).isEqualTo(2);
            assertThat(payment.ledgerEntries()).allSatisfy(entry -> assertThat(entry.amount().scale()).isEqualTo(2));
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {"POL-0", "POL-000", "0000"})
        void rejectsAnUnknownPolicy(String policyId) {
            ClaimDecision decision = decider.decide(withPolicy(claim(), policyId), REPORT_DATE);

            assertThat(decision).isEqualTo(new ClaimDecision.Rejected(RejectionReason.UNKNOWN_POLICY,
                    "policy " + policyId + " is unknown"));
            assertThat(RejectionReason.UNKNOWN_POLICY.wireName()).isEqualTo("unknown-policy");
        }

        @ParameterizedTest
        @ValueSource(strings = {"POL-100", "POL-007", "POL-ABC"})
        void knowsAPolicyWithAnyNonZeroDigitOrNoDigits(String policyId) {
            assertThat(decider.decide(withPolicy(claim(), policyId), REPORT_DATE)).isInstanceOf(ClaimDecision.Decided.class);
        }

        @Test
        void rejectsAClaimWithoutAnAmount() {
            assertThat(decider.decide(withAmount(claim(), null), REPORT_DATE))
                    .isEqualTo(new ClaimDecision.Rejected(RejectionReason.INVALID_CLAIM, "claimedAmount is required"));
        }

        @Test
        void rejectsMoreThanTwoDecimalPlacesAndNegativeAmounts() {
            assertThat(decider.decide(claim("10.001"), REPORT_DATE)).isEqualTo(new ClaimDecision.Rejected(
                    RejectionReason.INVALID_CLAIM, "claimedAmount must have at most 2 decimal places"));
            assertThat(decider.decide(claim("-1.00"), REPORT_DATE)).isEqualTo(new ClaimDecision.Rejected(
                    RejectionReason.INVALID_CLAIM, "claimedAmount must not be negative"));
        }

        @Test
        void acceptsTrailingZerosBeyondTwoPlaces() {
            assertThat(decided(claim("1234.560")).payment().payment()).isEqualTo(money("976.10"));
        }

        @Test
        void listsEveryMissingField() {
            Claim empty = new Claim(null, " ", null, null, money("1.00"), null, null, null);

            ClaimDecision decision = decider.decide(empty, REPORT_DATE);

            assertThat(decision).isEqualTo(new ClaimDecision.Rejected(RejectionReason.INVALID_CLAIM, String.join("; ",
                    List.of("claimId is required", "policyId is required", "productLine is required",
                            "region is required", "currency is required", "incidentDate is required"))));
        }
    }
}
