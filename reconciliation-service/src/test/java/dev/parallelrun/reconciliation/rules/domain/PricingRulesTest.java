package dev.parallelrun.reconciliation.rules.domain;

import static dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped pricing rules ({@code rules/pricing.yml}) on the pricing context's golden outcomes: seed 000's
 * "identical gross amount, discount reason, tax basis, and promotion set", with legacy's per-line tax rounding
 * tolerated and the new service's paperless promotion accepted.
 */
class PricingRulesTest {

    private final RuleSet pricing = RuleSetParser.parse("classpath:rules/pricing.yml",
            RuleSetFixtures.resource("rules/pricing.yml"));
    private final RuleBasedComparator comparator = RuleSetFixtures.comparator(pricing);

    private final ObjectNode legacy = data(GoldenEvents.PREMIUM_QUOTED_LEGACY);
    private final ObjectNode shadow = data(GoldenEvents.PREMIUM_QUOTED_SHADOW);

    @Test
    void isThePricingContextsVersionedRuleSet() {
        assertThat(pricing.context()).isEqualTo("pricing");
        assertThat(pricing.declaredVersion()).isEqualTo("pricing-2");
    }

    @Test
    void theGoldenQuotesDifferByAnAcceptedPromotionAndTolerableRounding() {
        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.EXPECTED_DIFFERENCE);
        assertThat(comparison.differences()).extracting(Difference::path)
                .containsExactlyInAnyOrder("/grossPremium", "/taxAmount", "/promotions");
    }

    @Test
    void ignoresEachSidesOwnQuoteReferenceGeneratedPerPricing() {
        shadow.set("promotions", legacy.get("promotions").deepCopy());
        shadow.put("grossPremium", legacy.get("grossPremium").decimalValue());
        shadow.put("taxAmount", legacy.get("taxAmount").decimalValue());

        Comparison comparison = compare(legacy, shadow);

        assertThat(legacy.get("quoteReference").asString()).isNotEqualTo(shadow.get("quoteReference").asString());
        assertThat(comparison.classification()).isEqualTo(Classification.MATCH);
        assertThat(comparison.differences()).isEmpty();
    }

    @Test
    void toleratesTheCentThatPerLineTaxRoundingCosts() {
        shadow.set("promotions", legacy.get("promotions").deepCopy());

        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.TOLERATED);
        assertThat(comparison.differences()).extracting(Difference::path)
                .containsExactlyInAnyOrder("/grossPremium", "/taxAmount");
        assertThat(comparison.differences()).allMatch(Difference::withinTolerance);
    }

    @Test
    void aGrossPremiumFurtherApartThanRoundingCanExplainIsACriticalMismatch() {
        shadow.put("grossPremium", new BigDecimal("633.10"));

        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(comparison.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void acceptsThePaperlessPromotionWhileBothSidesGrantTheSameDiscounts() {

        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.EXPECTED_DIFFERENCE);
        assertThat(comparison.differences()).filteredOn(d -> d.path().equals("/promotions"))
                .singleElement().satisfies(d -> assertThat(d.comparator())
                        .isEqualTo("unordered+variance:paperless-marketing-promotion"));
    }

    @Test
    void aPromotionDifferenceWithDifferentDiscountsIsNotExcused() {
        ((ArrayNode) shadow.get("discountReasons")).add("LOYALTY");

        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(comparison.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(comparison.differences()).extracting(Difference::path).contains("/promotions", "/discountReasons");
    }

    @Test
    void theOrderOfDiscountReasonsAndPromotionsCarriesNoMeaning() {
        ArrayNode reasons = (ArrayNode) shadow.get("discountReasons");
        ArrayNode reversed = shadow.putArray("discountReasons");
        for (int i = reasons.size() - 1; i >= 0; i--) {
            reversed.add(reasons.get(i));
        }
        shadow.put("grossPremium", legacy.get("grossPremium").decimalValue());
        shadow.put("taxAmount", legacy.get("taxAmount").decimalValue());
        ArrayNode promotions = shadow.putArray("promotions");
        promotions.add("WEB2").add("MULT");

        assertThat(compare(legacy, shadow).classification()).isEqualTo(Classification.MATCH);
    }

    private Comparison compare(ObjectNode legacyData, ObjectNode shadowData) {
        return comparator.compare("pricing", "PremiumQuoted", legacyData, shadowData, AT);
    }

    private static ObjectNode data(String fixture) {
        return (ObjectNode) GoldenEvents.event(fixture).data().deepCopy();
    }
}
