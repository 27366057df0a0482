package dev.parallelrun.pricing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.legacysystem.pricing.domain.LegacyPremiumModel;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuoteForm;
import dev.parallelrun.legacysystem.pricing.domain.QuoteStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A parallel run of the two premium models in miniature: every combination of line, country, segment, insured sum and
 * option set is priced by the new model and by the legacy stand-in's, and they must differ only where the new model
 * means to: the tax rounded once on the total (at most half a cent per legacy line apart) and the {@code EDOC}
 * promotion. Everything else (status, lines, net premium, discounts, promotions, tax basis) is the same tariff.
 */
class SameTariffAsLegacyTest {

    private static final Map<String, String> LEGACY_SEGMENTS = Map.of(
            "private", "PRIV", "loyal", "LOYL", "young", "YOUN", "business", "BUSI");
    private static final Map<String, String> LEGACY_OPTIONS = Map.of(
            "glass", "GLAS", "theft", "THEF", "natural-hazards", "ELEM", "roadside", "ROAD", "legal", "LEGL",
            "paperless", "EDOC");
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private final PremiumCalculator calculator = new PremiumCalculator();
    private final LegacyPremiumModel legacy = new LegacyPremiumModel();

    static Stream<Arguments> requests() {
        List<Arguments> requests = new ArrayList<>();
        List<List<String>> optionSets = List.of(List.of(), List.of("paperless"), List.of("glass"),
                List.of("theft", "roadside"), List.of("natural-hazards", "legal", "paperless"),
                List.of("glass", "theft", "natural-hazards", "roadside", "legal", "paperless"));
        for (String line : List.of("home", "motor", "travel")) {
            for (String country : List.of("DE", "AT", "FR", "NL", "BE", "CH", "XX")) {
                for (String segment : LEGACY_SEGMENTS.keySet()) {
                    for (String sum : List.of("0.01", "62.50", "166.67", "5000.00", "19999.99", "20000.01", "87654.32",
                            "100000.01", "300000.00", "300000.01", "1000000.01", "3000000.00", "3000000.01")) {
                        for (List<String> options : optionSets) {
                            requests.add(Arguments.of(new QuoteRequest("QTE-9001", line, country, segment,
                                    new BigDecimal(sum), "EUR", options, true)));
                        }
                    }
                }
            }
        }
        return requests.stream();
    }

    @Test
    void chargesACentLessThanLegacyForTheGoldenQuote() {
        LegacyQuote old = legacy.quote(legacyForm(QuoteRequests.golden()), "QR000000000000");
        Premium premium = ((QuoteDecision.Quoted) calculator.quote(QuoteRequests.golden())).premium();

        assertThat(BigDecimal.valueOf(old.grossCents(), 2)).isEqualTo(new BigDecimal("633.04"));
        assertThat(premium.grossPremium()).isEqualTo(new BigDecimal("633.03"));
        assertThat(BigDecimal.valueOf(old.taxCents(), 2)).isEqualTo(new BigDecimal("101.08"));
        assertThat(premium.taxAmount()).isEqualTo(new BigDecimal("101.07"));
        assertThat(premium.netPremium()).isEqualTo(BigDecimal.valueOf(old.netCents(), 2));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void differsFromLegacyOnlyInTaxRoundingAndTheEdocPromotion(QuoteRequest request) {
        LegacyQuote old = legacy.quote(legacyForm(request), "QR000000000000");
        QuoteDecision decision = calculator.quote(request);

        if (old.status() == QuoteStatus.DECLINED) {
            assertThat(decision).isInstanceOfSatisfying(QuoteDecision.Rejected.class, rejected -> assertThat(
                    rejected.reason()).isEqualTo(old.message().equals("RISK NOT INSURABLE")
                            ? RejectionReason.UNINSURABLE : RejectionReason.NOT_OFFERED));
            return;
        }
        assertThat(decision).isInstanceOfSatisfying(QuoteDecision.Quoted.class, quoted -> {
            Premium premium = quoted.premium();
            assertThat(quoted.referred()).isEqualTo(old.status() == QuoteStatus.REFERRED);
            assertThat(premium.lines().stream().map(line -> cents(line.net())).toList())
                    .isEqualTo(old.lines().stream().map(line -> line.netCents()).toList());
            assertThat(cents(premium.netPremium())).isEqualTo(old.netCents());
            assertThat(premium.discounts().stream().map(Discount::name).toList())
                    .isEqualTo(old.discounts().stream().map(Enum::name).toList());
            Set<String> legacyPromotionsAndEdoc = new TreeSet<>(old.discounts().stream()
                    .map(discount -> discount.promotionCode()).toList());
            if (request.options().contains("paperless")) {
                legacyPromotionsAndEdoc.add("EDOC");
            }
            assertThat(premium.promotions()).isEqualTo(legacyPromotionsAndEdoc);
            assertThat(premium.taxBasis()).isEqualTo(taxBasis(old.taxCode()));
            BigDecimal taxApart = premium.taxAmount().subtract(BigDecimal.valueOf(old.taxCents(), 2)).abs();
            assertThat(taxApart).isLessThanOrEqualTo(HALF_CENT.multiply(BigDecimal.valueOf(old.lines().size() + 1)));
            assertThat(premium.grossPremium().subtract(BigDecimal.valueOf(old.grossCents(), 2)).abs())
                    .isEqualTo(taxApart);
        });
    }

    private static LegacyQuoteForm legacyForm(QuoteRequest request) {
        StringBuilder options = new StringBuilder();
        request.options().forEach(option -> options.append(LEGACY_OPTIONS.get(option)));
        return new LegacyQuoteForm("req-1", request.quoteId(), request.productLine().toUpperCase(Locale.ROOT),
                request.region(), LEGACY_SEGMENTS.get(request.customerSegment()),
                request.insuredSum().setScale(2).toPlainString(), request.currency(), options.toString(), "A. Customer",
                "");
    }

    /** {@code DE1900} as the canonical tax basis {@code DE-IPT-19}. */
    private static String taxBasis(String taxCode) {
        return taxCode.substring(0, 2) + "-IPT-"
                + new BigDecimal(taxCode.substring(2)).movePointLeft(2).stripTrailingZeros().toPlainString();
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
