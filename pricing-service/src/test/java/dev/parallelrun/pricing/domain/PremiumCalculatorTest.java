package dev.parallelrun.pricing.domain;

import static dev.parallelrun.pricing.domain.QuoteRequests.golden;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PremiumCalculatorTest {

    private final PremiumCalculator calculator = new PremiumCalculator();

    private Premium premiumOf(QuoteRequest request) {
        QuoteDecision decision = calculator.quote(request);
        assertThat(decision).isInstanceOf(QuoteDecision.Quoted.class);
        return ((QuoteDecision.Quoted) decision).premium();
    }

    private QuoteDecision.Rejected rejectionOf(QuoteRequest request) {
        QuoteDecision decision = calculator.quote(request);
        assertThat(decision).isInstanceOf(QuoteDecision.Rejected.class);
        return (QuoteDecision.Rejected) decision;
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text);
    }

    @Nested
    class TheGoldenQuote {

        @Test
        void pricesEveryLineLikeTheTariffAndTaxesTheNetTotalOnce() {
            Premium premium = premiumOf(golden());

            assertThat(premium.lines()).containsExactly(
                    new PremiumLine("base", amount("435.00"), amount("413.25")),
                    new PremiumLine("glass", amount("34.80"), amount("33.06")),
                    new PremiumLine("theft", amount("65.25"), amount("61.99")),
                    new PremiumLine("roadside", amount("24.90"), amount("23.66")));
            assertThat(premium.netPremium()).isEqualTo(amount("531.96"));
            // 531.96 x 19 % = 101.0724: legacy's per-line taxes sum to 101.08
            assertThat(premium.taxAmount()).isEqualTo(amount("101.07"));
            assertThat(premium.grossPremium()).isEqualTo(amount("633.03"));
            assertThat(premium.taxBasis()).isEqualTo("DE-IPT-19");
            assertThat(premium.discounts()).containsExactly(Discount.MULTI_PRODUCT, Discount.ONLINE);
        }

        @Test
        void isQuotedWithoutReferralInTheRequestedCurrency() {
            QuoteDecision.Quoted quoted = (QuoteDecision.Quoted) calculator.quote(golden());

            assertThat(quoted.quoteId()).isEqualTo("QTE-1001");
            assertThat(quoted.currency()).isEqualTo("EUR");
            assertThat(quoted.referred()).isFalse();
        }
    }

    @Nested
    class Tax {

        @Test
        void roundsOnceOnTheNetTotalWhereLegacyRoundsEveryLine() {
            // lines 54.00 + 39.00, no discount: legacy 5.00 + 3.61 = 8.61; 93.00 x 9.25 % = 8.6025
            Premium premium = premiumOf(QuoteRequests.of("travel", "BE", "business", "5000.00", "legal"));

            assertThat(premium.netPremium()).isEqualTo(amount("93.00"));
            assertThat(premium.taxAmount()).isEqualTo(amount("8.60"));
            assertThat(premium.grossPremium()).isEqualTo(amount("101.60"));
            assertThat(premium.taxBasis()).isEqualTo("BE-IPT-9.25");
        }

        @Test
        void roundsAnExactHalfCentToTheEvenCent() {
            // 166.67 x 9 per mille = 1.50003 -> 1.50; 1.50 x 19 % = 0.285 exactly: half-even 0.28, half-up 0.29
            Premium premium = premiumOf(QuoteRequests.of("travel", "DE", "private", "166.67"));

            assertThat(premium.netPremium()).isEqualTo(amount("1.50"));
            assertThat(premium.taxAmount()).isEqualTo(amount("0.28"));
            assertThat(premium.grossPremium()).isEqualTo(amount("1.78"));
        }

        @ParameterizedTest(name = "{0} net {1} -> tax {2}")
        @CsvSource({
                "DE, 2.50, 0.48, DE-IPT-19",
                "AT, 10.00, 1.10, AT-IPT-11",
                "FR, 0.50, 0.04, FR-IPT-9",
                "NL, 0.50, 0.10, NL-IPT-21",
                "BE, 2.00, 0.18, BE-IPT-9.25",
                "CH, 0.50, 0.02, CH-IPT-5",
        })
        void taxesByCountryRoundingHalfEven(String country, String net, String tax, String basis) {
            InsuranceTax insuranceTax = InsuranceTax.in(country).orElseThrow();

            assertThat(insuranceTax.on(amount(net))).isEqualTo(amount(tax));
            assertThat(insuranceTax.basis()).isEqualTo(basis);
        }
    }

    @Nested
    class Rejections {

        @Test
        void rejectsAnInsuredSumAboveTheLinesMaximumAsUninsurable() {
            QuoteDecision.Rejected rejected = rejectionOf(
                    QuoteRequests.withInsuredSum(golden(), amount("3000000.01")));

            assertThat(rejected.reason()).isEqualTo(RejectionReason.UNINSURABLE);
            assertThat(rejected.reason().wireName()).isEqualTo("uninsurable");
        }

        @ParameterizedTest(name = "{0} in {1}")
        @CsvSource({"home, CH", "motor, XX", "travel, US"})
        void rejectsALineWithoutTariffInTheCountryAsNotOffered(String productLine, String country) {
            QuoteDecision.Rejected rejected = rejectionOf(QuoteRequests.of(productLine, country, "private", "1000.00"));

            assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_OFFERED);
            assertThat(rejected.reason().wireName()).isEqualTo("not-offered");
        }

        @Test
        void rejectsNotOfferedBeforeLookingAtTheInsuredSum() {
            QuoteDecision.Rejected rejected = rejectionOf(QuoteRequests.of("home", "CH", "private", "9999999.00"));

            assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_OFFERED);
        }

        @Test
        void rejectsAnUnknownSegmentAsAnInvalidRequest() {
            QuoteDecision.Rejected rejected = rejectionOf(QuoteRequests.withSegment(golden(), "vip"));

            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_REQUEST);
            assertThat(rejected.reason().wireName()).isEqualTo("invalid-request");
            assertThat(rejected.detail()).contains("customerSegment 'vip'");
        }

        @Test
        void rejectsAnInsuredSumWithMoreThanTwoDecimalsInsteadOfRoundingIt() {
            QuoteDecision.Rejected rejected = rejectionOf(QuoteRequests.withInsuredSum(golden(), amount("1000.005")));

            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_REQUEST);
            assertThat(rejected.detail()).contains("at most 2 decimal places");
        }

        @Test
        void namesEveryProblemOfAnInvalidRequest() {
            QuoteRequest request = QuoteRequests.withoutCustomerName(QuoteRequests.withCurrency(
                    QuoteRequests.withOptions(QuoteRequests.withProductLine(
                            QuoteRequests.withInsuredSum(golden(), amount("0.00")), "boat"), "glass", "glass", "jet"),
                    "EURO"));

            QuoteDecision.Rejected rejected = rejectionOf(request);

            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_REQUEST);
            assertThat(rejected.detail()).contains("productLine 'boat'", "insuredSum must be positive",
                    "currency 'EURO'", "option 'glass' is requested twice", "option 'jet' is not offered",
                    "customer name is required");
        }

        @ParameterizedTest(name = "region ''{0}''")
        @CsvSource({"D", "DEU", "1A", "''"})
        void rejectsARegionThatIsNotACountryCodeAsAnInvalidRequest(String region) {
            assertThat(rejectionOf(QuoteRequests.withRegion(golden(), region)).reason())
                    .isEqualTo(RejectionReason.INVALID_REQUEST);
        }

        @Test
        void rejectsAMissingInsuredSumAsAnInvalidRequest() {
            assertThat(rejectionOf(QuoteRequests.withInsuredSum(golden(), null)).detail())
                    .contains("insuredSum is required");
        }
    }

    @Nested
    class Referral {

        @ParameterizedTest(name = "{0} {1}: referred {2}")
        @CsvSource({
                "home, 1000000.00, false",
                "home, 1000000.01, true",
                "home, 3000000.00, true",
                "motor, 100000.01, true",
                "travel, 20000.00, false",
        })
        void refersAQuoteAboveTheLinesReferralLimitFullyPriced(String productLine, String insuredSum, boolean referred) {
            QuoteDecision decision = calculator.quote(QuoteRequests.of(productLine, "DE", "private", insuredSum));

            assertThat(decision).isInstanceOfSatisfying(QuoteDecision.Quoted.class, quoted -> {
                assertThat(quoted.referred()).isEqualTo(referred);
                assertThat(quoted.premium().grossPremium()).isPositive();
            });
        }
    }

    @Nested
    class Promotions {

        @Test
        void marksAPaperlessQuoteWithTheEdocPromotionBesideTheDiscountsPromotions() {
            assertThat(premiumOf(golden()).promotions()).containsExactly("EDOC", "MULT", "WEB2");
        }

        @Test
        void grantsNothingForTheEdocPromotion() {
            // paperless earns the online discount (2 %) and EDOC; EDOC itself changes no amount
            Premium paperless = premiumOf(QuoteRequests.of("motor", "DE", "private", "20000.00", "paperless"));

            assertThat(paperless.discounts()).containsExactly(Discount.ONLINE);
            assertThat(paperless.lines()).containsExactly(new PremiumLine("base", amount("560.00"), amount("548.80")));
            assertThat(paperless.netPremium()).isEqualTo(amount("548.80"));
            assertThat(paperless.promotions()).containsExactly("EDOC", "WEB2");
        }

        @Test
        void addsNoEdocWithoutPaperless() {
            Premium premium = premiumOf(QuoteRequests.withOptions(golden(), "glass", "theft", "roadside"));

            assertThat(premium.discounts()).containsExactly(Discount.MULTI_PRODUCT);
            assertThat(premium.promotions()).containsExactly("MULT");
        }

        @Test
        void listsDiscountsInTheOrderTheyApplyWhateverTheOptionOrder() {
            Premium premium = premiumOf(QuoteRequests.of("home", "AT", "loyal", "200000.00", "paperless", "legal", "glass"));

            assertThat(premium.discounts()).containsExactly(Discount.LOYALTY, Discount.MULTI_PRODUCT, Discount.ONLINE);
            assertThat(premium.promotions()).containsExactly("EDOC", "LOY5", "MULT", "WEB2");
        }

        @Test
        void countsOnlyPricedOptionsTowardsTheMultiProductDiscount() {
            Premium premium = premiumOf(QuoteRequests.of("home", "DE", "private", "100000.00", "glass", "paperless"));

            assertThat(premium.discounts()).containsExactly(Discount.ONLINE);
        }
    }

    @Nested
    class DecimalExactness {

        @ParameterizedTest(name = "{0} {1} {2} {3} -> base {4}")
        @CsvSource({
                // exact products on a half cent, where binary floating point lands just below it
                "travel, DE, business, 62.50, 0.68",
                "home, DE, young, 6000.00, 11.75",
                "home, AT, business, 312.50, 0.50",
                "home, FR, business, 1875.00, 3.56",
        })
        void roundsTheExactProductOfSumRateAndFactor(String line, String country, String segment, String insuredSum,
                String base) {
            Premium premium = premiumOf(QuoteRequests.of(line, country, segment, insuredSum));

            assertThat(premium.lines()).singleElement().satisfies(only -> {
                assertThat(only.premium()).isEqualTo(amount(base));
                assertThat(only.net()).isEqualTo(amount(base));
            });
        }

        @Test
        void keepsEveryAmountInWholeCentsAndGrossExactlyNetPlusTax() {
            Premium premium = premiumOf(QuoteRequests.of("motor", "NL", "young", "87654.32", "glass", "theft",
                    "natural-hazards", "roadside", "legal", "paperless"));

            List<BigDecimal> amounts = new java.util.ArrayList<>(List.of(premium.netPremium(), premium.taxAmount(),
                    premium.grossPremium()));
            premium.lines().forEach(line -> {
                amounts.add(line.premium());
                amounts.add(line.net());
            });
            assertThat(amounts).allSatisfy(value -> assertThat(value.scale()).isEqualTo(2));
            assertThat(premium.grossPremium()).isEqualTo(premium.netPremium().add(premium.taxAmount()));
            assertThat(premium.netPremium()).isEqualTo(premium.lines().stream().map(PremiumLine::net)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        @Test
        void pricesASumWrittenWithFewerDecimalsLikeTheSameSumWithTwo() {
            assertThat(premiumOf(QuoteRequests.withInsuredSum(golden(), amount("300000"))))
                    .isEqualTo(premiumOf(golden()));
        }
    }
}
