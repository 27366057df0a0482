package dev.parallelrun.reconciliation.replay.noise.domain;

import static dev.parallelrun.events.Side.LEGACY;
import static dev.parallelrun.events.Side.SHADOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetFixtures;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The analysis of a noise run: which fields differ between two runs of the same input, how often, and the rule. */
class NoiseAnalysisTest {

    private static final String QUOTED = "PremiumQuoted";

    private final List<NoiseObservation> run = new ArrayList<>();

    /** One original answered by both copies on one side. */
    private void answered(String original, Side side, String first, String second) {
        answered(original, QUOTED, side, first, second);
    }

    private void answered(String original, String outcomeType, Side side, String first, String second) {
        run.add(new NoiseObservation(original, outcomeType, side, 1, first == null ? null : json(first)));
        run.add(new NoiseObservation(original, outcomeType, side, 2, second == null ? null : json(second)));
    }

    private static JsonNode json(String text) {
        return RuleSetFixtures.json(text);
    }

    private NoiseReport analyse() {
        return NoiseAnalysis.analyse(run);
    }

    @Test
    void findsNoFieldWhenBothCopiesOfEveryOriginalAgree() {
        answered("o1", LEGACY, "{\"gross\": 10.00, \"lines\": [{\"id\": \"a\"}]}", "{\"gross\": 10.00, \"lines\": [{\"id\": \"a\"}]}");
        answered("o1", SHADOW, "{\"gross\": 10.00}", "{\"gross\": 10.00}");

        NoiseReport report = analyse();

        assertThat(report.fields()).isEmpty();
        assertThat(report.suggestions()).isEmpty();
        assertThat(report.compared()).containsExactly(Map.entry(LEGACY, 1), Map.entry(SHADOW, 1));
    }

    @Test
    void findsExactlyTheFieldPlantedOnOneSideAtARateOfOne() {
        answered("o1", LEGACY, "{\"gross\": 10.00, \"ref\": \"QR1\"}", "{\"gross\": 10.00, \"ref\": \"QR2\"}");
        answered("o1", SHADOW, "{\"gross\": 10.00, \"ref\": \"PQ-1\"}", "{\"gross\": 10.00, \"ref\": \"PQ-1\"}");
        answered("o2", LEGACY, "{\"gross\": 20.00, \"ref\": \"QR3\"}", "{\"gross\": 20.00, \"ref\": \"QR4\"}");
        answered("o2", SHADOW, "{\"gross\": 20.00, \"ref\": \"PQ-2\"}", "{\"gross\": 20.00, \"ref\": \"PQ-2\"}");

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(new FieldNoise(QUOTED, "/ref", LEGACY, 2, 2, 1.0));
        assertThat(report.suggestions()).singleElement().isEqualTo(new RuleSuggestion(QUOTED, "/ref", "ignore", """
                outcomeTypes:
                  PremiumQuoted:
                    fields:
                      - path: /ref
                        comparator: ignore   # differs between two runs of the same input: legacy 100 %, shadow 0 %
                """));
    }

    @Test
    void givesARateOfOneHalfWhenHalfTheOriginalsDiffer() {
        answered("o1", SHADOW, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");
        answered("o2", SHADOW, "{\"ref\": \"c\"}", "{\"ref\": \"c\"}");

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(new FieldNoise(QUOTED, "/ref", SHADOW, 1, 2, 0.5));
        assertThat(report.suggestions()).singleElement().satisfies(s -> assertThat(s.snippet())
                .contains("comparator: ignore   # differs between two runs of the same input: legacy not compared, "
                        + "shadow 50 %"));
    }

    @Test
    void writesARateThatIsNoWholePercentWithOneDecimal() {
        answered("o1", SHADOW, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");
        answered("o2", SHADOW, "{\"ref\": \"c\"}", "{\"ref\": \"c\"}");
        answered("o3", SHADOW, "{\"ref\": \"d\"}", "{\"ref\": \"d\"}");

        NoiseReport report = analyse();

        assertThat(report.fields()).singleElement().satisfies(f -> assertThat(f.differingRate()).isEqualTo(1.0 / 3));
        assertThat(report.suggestions().get(0).snippet()).contains("shadow 33.3 %");
    }

    @Test
    void countsNoOriginalOfWhichACopyGaveNoCompletedOutcome() {
        answered("o1", LEGACY, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");
        answered("o2", LEGACY, "{\"ref\": \"c\"}", null);
        run.add(new NoiseObservation("o3", QUOTED, LEGACY, 1, json("{\"ref\": \"d\"}")));
        run.add(new NoiseObservation("o4", QUOTED, LEGACY, 1, json("{\"ref\": \"e\"}")));
        run.add(new NoiseObservation("o4", QUOTED, LEGACY, 2, json("null")));

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(new FieldNoise(QUOTED, "/ref", LEGACY, 1, 1, 1.0));
        assertThat(report.compared()).containsExactly(Map.entry(LEGACY, 1), Map.entry(SHADOW, 0));
    }

    @Test
    void suggestsANumericToleranceOfTheLargestDifferenceWhenOnlyNumbersDiffer() {
        answered("o1", LEGACY, "{\"gross\": 633.04}", "{\"gross\": 633.03}");
        answered("o2", LEGACY, "{\"gross\": 100.00}", "{\"gross\": 100.03}");
        answered("o1", SHADOW, "{\"gross\": 633.03}", "{\"gross\": 633.03}");
        answered("o2", SHADOW, "{\"gross\": 100.00}", "{\"gross\": 99.98}");

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(
                new FieldNoise(QUOTED, "/gross", LEGACY, 2, 2, 1.0),
                new FieldNoise(QUOTED, "/gross", SHADOW, 1, 2, 0.5));
        assertThat(report.suggestions()).containsExactly(new RuleSuggestion(QUOTED, "/gross", "tolerance", """
                outcomeTypes:
                  PremiumQuoted:
                    fields:
                      - path: /gross
                        comparator: numeric   # differs between two runs of the same input: legacy 100 %, shadow 50 %
                        absolute: 0.03   # the largest difference seen
                """));
    }

    @Test
    void ignoresAFieldThatIsSometimesANumberAndSometimesNot() {
        answered("o1", LEGACY, "{\"gross\": 10.00}", "{\"gross\": 10.01}");
        answered("o2", LEGACY, "{\"gross\": 10.00}", "{\"gross\": \"10.01\"}");
        answered("o3", SHADOW, "{\"gross\": 10.00}", "{}");

        NoiseReport report = analyse();

        assertThat(report.suggestions()).singleElement().satisfies(s -> assertThat(s.rule()).isEqualTo("ignore"));
    }

    @Test
    void readsNumbersByValueAndAnExplicitNullAsAbsent() {
        answered("o1", LEGACY, "{\"gross\": 1.5, \"note\": null, \"tags\": [1.0]}", "{\"gross\": 1.50, \"tags\": [1]}");

        assertThat(analyse().fields()).isEmpty();
    }

    @Test
    void countsAFieldPresentInOneCopyAndAbsentInTheOtherAtItsOwnPath() {
        answered("o1", SHADOW, "{\"gross\": 1, \"promo\": {\"code\": \"EDOC\", \"rate\": 0}}", "{\"gross\": 1}");

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(new FieldNoise(QUOTED, "/promo", SHADOW, 1, 1, 1.0));
        assertThat(report.suggestions()).singleElement().satisfies(s -> assertThat(s.rule()).isEqualTo("ignore"));
    }

    @Test
    void findsADifferenceDeepInNestedObjects() {
        answered("o1", LEGACY, "{\"customer\": {\"address\": {\"street\": \"A\", \"city\": \"X\"}}}",
                "{\"customer\": {\"address\": {\"street\": \"B\", \"city\": \"X\"}}}");

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(
                new FieldNoise(QUOTED, "/customer/address/street", LEGACY, 1, 1, 1.0));
        assertThat(report.suggestions()).extracting(RuleSuggestion::path).containsExactly("/customer/address/street");
    }

    @Test
    void reportsArrayElementsByIndexAndSuggestsOneRuleForEveryIndex() {
        answered("o1", LEGACY, "{\"lines\": [{\"id\": \"a1\", \"amount\": 1}, {\"id\": \"b1\", \"amount\": 2}]}",
                "{\"lines\": [{\"id\": \"a2\", \"amount\": 1}, {\"id\": \"b2\", \"amount\": 2}]}");
        answered("o1", SHADOW, "{\"lines\": [{\"id\": \"a\", \"amount\": 1}]}",
                "{\"lines\": [{\"id\": \"a\", \"amount\": 1}, {\"id\": \"b\", \"amount\": 2}]}");

        NoiseReport report = analyse();

        assertThat(report.fields()).extracting(FieldNoise::path, FieldNoise::side).containsExactly(
                tuple("/lines/0/id", LEGACY),
                tuple("/lines/1", SHADOW),
                tuple("/lines/1/id", LEGACY));
        assertThat(report.suggestions()).extracting(RuleSuggestion::path, RuleSuggestion::rule).containsExactly(
                tuple("/lines/*", "ignore"),
                tuple("/lines/*/id", "ignore"));
        assertThat(report.suggestions().get(1).snippet()).contains("      - path: /lines/*/id\n")
                .contains("legacy 100 %, shadow 0 %");
    }

    @Test
    void suggestsANumericToleranceForEveryIndexFromTheLargestDifferenceAtAnyIndex() {
        answered("o1", SHADOW, "{\"lines\": [{\"tax\": 1.00}, {\"tax\": 2.00}]}",
                "{\"lines\": [{\"tax\": 1.01}, {\"tax\": 1.98}]}");

        NoiseReport report = analyse();

        assertThat(report.fields()).extracting(FieldNoise::path).containsExactly("/lines/0/tax", "/lines/1/tax");
        assertThat(report.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("/lines/*/tax");
            assertThat(s.rule()).isEqualTo("tolerance");
            assertThat(s.snippet()).contains("absolute: 0.02   #").contains("shadow 100 %");
        });
    }

    @Test
    void sortsFieldsByOutcomeTypePathAndSideAndKeepsOutcomeTypesApart() {
        answered("o1", "PremiumQuoted", SHADOW, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");
        answered("o1", "PremiumQuoted", LEGACY, "{\"ref\": \"c\", \"at\": \"1\"}", "{\"ref\": \"d\", \"at\": \"2\"}");
        answered("o1", "ClaimAssessed", SHADOW, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");

        NoiseReport report = analyse();

        assertThat(report.fields()).extracting(FieldNoise::outcomeType, FieldNoise::path, FieldNoise::side)
                .containsExactly(
                        tuple("ClaimAssessed", "/ref", SHADOW),
                        tuple("PremiumQuoted", "/at", LEGACY),
                        tuple("PremiumQuoted", "/ref", LEGACY),
                        tuple("PremiumQuoted", "/ref", SHADOW));
        assertThat(report.suggestions()).extracting(RuleSuggestion::outcomeType, RuleSuggestion::path).containsExactly(
                tuple("ClaimAssessed", "/ref"),
                tuple("PremiumQuoted", "/at"),
                tuple("PremiumQuoted", "/ref"));
        assertThat(report.compared()).containsExactly(Map.entry(LEGACY, 1), Map.entry(SHADOW, 2));
        assertThat(report.suggestions().get(2).snippet()).contains("legacy 100 %, shadow 100 %");
    }

    @Test
    void findsThePricingQuoteReferenceOnBothSidesAndSuggestsTheRuleThePricingRulesShip() {
        ObjectNode legacy = data(GoldenEvents.PREMIUM_QUOTED_LEGACY);
        ObjectNode shadow = data(GoldenEvents.PREMIUM_QUOTED_SHADOW);
        run.add(new NoiseObservation("o1", QUOTED, LEGACY, 1, legacy));
        run.add(new NoiseObservation("o1", QUOTED, LEGACY, 2, legacy.deepCopy().put("quoteReference", "QR0000000000AA")));
        run.add(new NoiseObservation("o1", QUOTED, SHADOW, 1, shadow));
        run.add(new NoiseObservation("o1", QUOTED, SHADOW, 2, shadow.deepCopy().put("quoteReference", "PQ-other")));

        NoiseReport report = analyse();

        assertThat(report.fields()).containsExactly(
                new FieldNoise(QUOTED, "/quoteReference", LEGACY, 1, 1, 1.0),
                new FieldNoise(QUOTED, "/quoteReference", SHADOW, 1, 1, 1.0));
        assertThat(report.suggestions()).containsExactly(new RuleSuggestion(QUOTED, "/quoteReference", "ignore", """
                outcomeTypes:
                  PremiumQuoted:
                    fields:
                      - path: /quoteReference
                        comparator: ignore   # differs between two runs of the same input: legacy 100 %, shadow 100 %
                """));
    }

    @Test
    void suggestsRulesThatARuleSetAcceptsAndThatMakeTheNoiseAgree() {
        String first = "{\"ref\": \"a\", \"lines\": [{\"tax\": 1.00, \"id\": \"x\"}], \"gross\": 5}";
        String second = "{\"ref\": \"b\", \"lines\": [{\"tax\": 1.02, \"id\": \"y\"}], \"gross\": 5}";
        answered("o1", LEGACY, first, second);

        StringBuilder fields = new StringBuilder();
        for (RuleSuggestion suggestion : analyse().suggestions()) {
            String snippet = suggestion.snippet();
            fields.append(snippet.substring(snippet.indexOf("      - path:")));
        }
        String yaml = "context: noise\nversion: noise-1\noutcomeTypes:\n  PremiumQuoted:\n    fields:\n" + fields;
        RuleSet rules = RuleSetParser.parse("suggested.yml", yaml.getBytes(StandardCharsets.UTF_8));
        Comparison comparison = RuleSetFixtures.comparator(rules).compare("noise", QUOTED, json(first), json(second),
                RuleSetFixtures.AT);

        assertThat(comparison.classification()).isIn(Classification.MATCH, Classification.TOLERATED);
    }

    @Test
    void quotesAPathThatYamlWouldNotReadAsWritten() {
        answered("o1", LEGACY, "{\"a: b\": \"1\"}", "{\"a: b\": \"2\"}");

        RuleSuggestion suggestion = analyse().suggestions().get(0);

        assertThat(suggestion.path()).isEqualTo("/a: b");
        assertThat(suggestion.snippet()).contains("      - path: \"/a: b\"\n");
    }

    @Test
    void takesARedeliveredCopyOnceAndRefusesACopyWithTwoDifferentAnswers() {
        answered("o1", LEGACY, "{\"ref\": \"a\"}", "{\"ref\": \"b\"}");
        run.add(new NoiseObservation("o1", QUOTED, LEGACY, 2, json("{\"ref\": \"b\"}")));

        assertThat(analyse().fields()).containsExactly(new FieldNoise(QUOTED, "/ref", LEGACY, 1, 1, 1.0));

        run.add(new NoiseObservation("o1", QUOTED, LEGACY, 2, json("{\"ref\": \"c\"}")));
        assertThatThrownBy(this::analyse).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy 2 of original o1");
    }

    @Test
    void knowsOnlyTwoCopies() {
        assertThatThrownBy(() -> new NoiseObservation("o1", QUOTED, LEGACY, 3, json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("copy 1 or 2");
    }

    private static ObjectNode data(String fixture) {
        return (ObjectNode) GoldenEvents.event(fixture).data().deepCopy();
    }
}
