package dev.parallelrun.legacysystem.pricing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyPremiumModelTest {

    private final LegacyPremiumModel model = new LegacyPremiumModel();

    @Test
    void pricesTheDocumentedExampleLineByLine() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.documentedExample(), "QR-1");

        // base 300 000.00 × 1.45 ‰ = 435.00; glass 8 % = 34.80; theft 15 % = 65.25; roadside 24.90; paperless no line;
        // multi-product 3 % + online 2 %: every line × 0.95, then 19 % tax on every line
        assertThat(quote.lines()).containsExactly(
                new PremiumLine("BASE", 435_00, 413_25, 78_52),
                new PremiumLine("GLAS", 34_80, 33_06, 6_28),
                new PremiumLine("THEF", 65_25, 61_99, 11_78),
                new PremiumLine("ROAD", 24_90, 23_66, 4_50));
        assertThat(quote.netCents()).isEqualTo(531_96);
        assertThat(quote.taxCents()).isEqualTo(101_08);
        assertThat(quote.grossCents()).isEqualTo(633_04);
        assertThat(quote.status()).isEqualTo(QuoteStatus.QUOTED);
        assertThat(quote.status().code()).isEqualTo("Q1");
        assertThat(quote.taxCode()).isEqualTo("DE1900");
        assertThat(quote.discounts()).containsExactly(Discount.MULTI_PRODUCT, Discount.ONLINE);
        assertThat(quote.message()).isEmpty();
        assertThat(quote.quoteNo()).isEqualTo("QTE-1001");
        assertThat(quote.quoteRef()).isEqualTo("QR-1");
        assertThat(quote.currency()).isEqualTo("EUR");
    }

    @Test
    void roundsTheTaxPerLineWhichComesToACentMoreThanRoundingItOnTheTotal() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.documentedExample(), "QR-1");

        // 531.96 × 19 % = 101.0724: rounded once on the total it is 101.07; the legacy's four rounded lines sum to 101.08
        long taxOnTheTotal = LegacyRounding.halfUp(quote.netCents() * 1_900, 10_000);
        assertThat(taxOnTheTotal).isEqualTo(101_07);
        assertThat(quote.taxCents()).isEqualTo(101_08);
    }

    @Test
    void roundsTheTaxPerLineAtANonIntegerRateToo() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.quote("TRAVEL", "BE", "BUSI", "5000.00", "LEGL"), "QR-2");

        // base 5 000.00 × 9 ‰ × 120 % = 54.00, legal 39.00; tax 9.25 %: 4.995 → 5.00 and 3.6075 → 3.61 = 8.61 (total: 8.60)
        assertThat(quote.lines()).containsExactly(new PremiumLine("BASE", 54_00, 54_00, 5_00),
                new PremiumLine("LEGL", 39_00, 39_00, 3_61));
        assertThat(quote.taxCents()).isEqualTo(8_61);
        assertThat(LegacyRounding.halfUp(quote.netCents() * 925, 10_000)).isEqualTo(8_60);
        assertThat(quote.taxCode()).isEqualTo("BE0925");
        assertThat(quote.discounts()).isEmpty();
    }

    @Test
    void givesLoyalCustomersTheLoyaltyDiscountOnTopOfTheOthers() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.quote("MOTOR", "AT", "LOYL", "30000.00", "GLASROADEDOC"), "QR-3");

        // base 30 000.00 × 26.5 ‰ = 795.00; glass 63.60; roadside 24.90; 5 + 3 + 2 = 10 % off every line; 11 % tax per line
        assertThat(quote.lines()).containsExactly(new PremiumLine("BASE", 795_00, 715_50, 78_71),
                new PremiumLine("GLAS", 63_60, 57_24, 6_30), new PremiumLine("ROAD", 24_90, 22_41, 2_47));
        assertThat(quote.netCents()).isEqualTo(795_15);
        assertThat(quote.taxCents()).isEqualTo(87_48);
        assertThat(quote.grossCents()).isEqualTo(882_63);
        assertThat(quote.discounts()).containsExactly(Discount.LOYALTY, Discount.MULTI_PRODUCT, Discount.ONLINE);
        assertThat(quote.discountReasonField()).isEqualTo("010203");
        assertThat(quote.promotionField()).isEqualTo("LOY5MULTWEB2    ");
    }

    @Test
    void writesPromotionsAsAFixedWidthFieldPaddedWithSpaces() {
        LegacyQuote example = model.quote(LegacyQuoteForms.documentedExample(), "QR-1");
        LegacyQuote none = model.quote(LegacyQuoteForms.quote("HOME", "DE", "PRIV", "100000.00", ""), "QR-4");

        assertThat(example.promotionField()).isEqualTo("MULTWEB2        ").hasSize(LegacyQuote.PROMOTION_FIELD_WIDTH);
        assertThat(example.discountReasonField()).isEqualTo("0203");
        assertThat(none.promotionField()).isEqualTo(" ".repeat(16));
        assertThat(none.discountReasonField()).isEmpty();
    }

    @Test
    void raisesTheBasePremiumOfYoungCustomersBy35Percent() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.quote("MOTOR", "DE", "YOUN", "20000.00", ""), "QR-5");

        // 20 000.00 × 28 ‰ × 135 % = 756.00; 19 % tax
        assertThat(quote.lines()).containsExactly(new PremiumLine("BASE", 756_00, 756_00, 143_64));
        assertThat(quote.grossCents()).isEqualTo(899_64);
    }

    @Test
    void grantsTheMultiProductDiscountOnlyForTwoPricedOptions() {
        LegacyQuote oneOptionAndPaperless = model.quote(LegacyQuoteForms.quote("HOME", "DE", "PRIV", "100000.00", "GLASEDOC"), "QR");

        assertThat(oneOptionAndPaperless.discounts()).containsExactly(Discount.ONLINE);
    }

    @Test
    void refersAQuoteAboveTheReferralLimitButStillPricesIt() {
        LegacyQuote quote = model.quote(LegacyQuoteForms.quote("MOTOR", "DE", "PRIV", "100000.01", ""), "QR-6");

        assertThat(quote.status()).isEqualTo(QuoteStatus.REFERRED);
        assertThat(quote.status().code()).isEqualTo("Q2");
        assertThat(quote.message()).isEqualTo("REFERRED TO UNDERWRITER");
        assertThat(quote.netCents()).isEqualTo(2_800_00);
    }

    @Test
    void quotesAtTheReferralLimitWithoutReferral() {
        assertThat(model.quote(LegacyQuoteForms.quote("MOTOR", "DE", "PRIV", "100000.00", ""), "QR").status())
                .isEqualTo(QuoteStatus.QUOTED);
    }

    @Test
    void declinesAnUninsurableRiskAndALineNotOfferedWithTheSameCodeToldApartOnlyByTheMessage() {
        LegacyQuote uninsurable = model.quote(LegacyQuoteForms.quote("MOTOR", "DE", "PRIV", "300000.01", "GLAS"), "QR-7");
        LegacyQuote notOffered = model.quote(LegacyQuoteForms.quote("HOME", "CH", "PRIV", "300000.00", "GLAS"), "QR-8");
        LegacyQuote unknownCountry = model.quote(LegacyQuoteForms.quote("HOME", "US", "PRIV", "300000.00", ""), "QR-9");

        assertThat(List.of(uninsurable, notOffered, unknownCountry)).allSatisfy(quote -> {
            assertThat(quote.status().code()).isEqualTo("E7");
            assertThat(quote.lines()).isEmpty();
            assertThat(quote.grossCents()).isZero();
            assertThat(quote.taxCode()).isEmpty();
            assertThat(quote.promotionField()).isBlank();
        });
        assertThat(uninsurable.message()).isEqualTo("RISK NOT INSURABLE");
        assertThat(notOffered.message()).isEqualTo("LOB NOT OFFERED IN CTRY");
        assertThat(unknownCountry.message()).isEqualTo("LOB NOT OFFERED IN CTRY");
    }

    @Test
    void readsCodesWhateverTheirCaseAndIgnoresTheOptionFieldsTrailingPadding() {
        LegacyQuoteForm sloppy = new LegacyQuoteForm("req-1", " QTE-1001 ", "home", "de ", "priv", "300000.00", "EUR",
                "glasTHEFroadEDOC    ", "Erika Mustermann", "erika@example.org");

        assertThat(model.quote(sloppy, "QR-1")).isEqualTo(model.quote(LegacyQuoteForms.documentedExample(), "QR-1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "MISSING REQ_KEY     | null     | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EUR  | GLAS     | Erika",
            "MISSING QUOTE_NO    | r        | ' '   | HOME   | DE  | PRIV | 1000.00  | EUR  | GLAS     | Erika",
            "INVALID LOB BOAT    | r        | QTE-1 | BOAT   | DE  | PRIV | 1000.00  | EUR  | GLAS     | Erika",
            "INVALID CTRY DEU    | r        | QTE-1 | HOME   | DEU | PRIV | 1000.00  | EUR  | GLAS     | Erika",
            "INVALID SEG VIP     | r        | QTE-1 | HOME   | DE  | VIP  | 1000.00  | EUR  | GLAS     | Erika",
            "INVALID SUM_INS 1000 | r       | QTE-1 | HOME   | DE  | PRIV | 1000     | EUR  | GLAS     | Erika",
            "INVALID SUM_INS 0.00 | r       | QTE-1 | HOME   | DE  | PRIV | 0.00     | EUR  | GLAS     | Erika",
            "INVALID CCY EURO    | r        | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EURO | GLAS     | Erika",
            "INVALID OPTS GLA    | r        | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EUR  | GLA      | Erika",
            "INVALID OPTS GLASXXXX | r      | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EUR  | GLASXXXX | Erika",
            "INVALID OPTS GLASGLAS | r      | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EUR  | GLASGLAS | Erika",
            "MISSING CUST_NM     | r        | QTE-1 | HOME   | DE  | PRIV | 1000.00  | EUR  | GLAS     | null"})
    void refusesARequestItCannotPriceInItsOwnWords(String problem, String reqKey, String quoteNo, String lob, String ctry,
            String seg, String sumIns, String ccy, String opts, String custNm) {
        LegacyQuoteForm form = new LegacyQuoteForm(reqKey, quoteNo, lob, ctry, seg, sumIns, ccy, opts, custNm, "e@example.org");

        assertThat(model.validationProblem(form)).contains(problem);
        assertThatThrownBy(() -> model.quote(form, "QR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void findsNoProblemWithTheDocumentedExample() {
        assertThat(model.validationProblem(LegacyQuoteForms.documentedExample())).isEmpty();
    }
}
