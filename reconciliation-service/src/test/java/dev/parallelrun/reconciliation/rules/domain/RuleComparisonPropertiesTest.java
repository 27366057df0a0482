package dev.parallelrun.reconciliation.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invariants of the rule engine over generated order-pricing outcomes (QuickTheories: generated
 * inputs, shrunk to a minimal counterexample on failure, fixed seed for reproducible runs).
 *
 * <p>Value mappings are side-specific by design (a legacy code means something only on the legacy
 * side), so the symmetry property draws values from the vocabulary both sides share, where no mapping
 * applies; the self-comparison property covers mappings by comparing an outcome with its own meaning.
 */
class RuleComparisonPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int EXAMPLES = 400;
    private static final long SEED = 20261122L;
    private static final Instant BASE = Instant.parse("2026-11-22T10:00:00Z");

    private final RuleBasedComparator orders = RuleSetFixtures.comparator(RuleSetFixtures.orders(), RuleSetFixtures.claims());

    @Test
    void anOutcomeComparedWithItselfIsAMatch() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(outcomes(true)).checkAssert(outcome -> {
            Comparison comparison = orders.compare("orders", "OrderPriced", outcome, outcome, RuleSetFixtures.AT);
            Comparison fallback = orders.compare("unknown", "OrderPriced", outcome, outcome, RuleSetFixtures.AT);
            for (Comparison c : List.of(comparison, fallback)) {
                assertThat(c.classification()).isEqualTo(Classification.MATCH);
                assertThat(c.differences()).isEmpty();
            }
        });
    }

    @Test
    void aLegacyOutcomeComparedWithItsOwnMeaningIsAMatch() {
        OutcomeRules rules = RuleSetFixtures.orders().rulesFor("OrderPriced");
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(outcomes(false)).checkAssert(outcome -> {
            JsonNode meaning = OutcomeComparison.normalize(rules, Side.LEGACY, outcome);

            Comparison comparison = orders.compare("orders", "OrderPriced", outcome, meaning, RuleSetFixtures.AT);

            assertThat(comparison.classification()).isEqualTo(Classification.MATCH);
        });
    }

    @Test
    void reportsTheSamePathsWhicheverSideIsWhich() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(pairs(true)).checkAssert(pair -> {
            Set<String> forward = paths(orders.compare("orders", "OrderPriced", pair.get(0), pair.get(1), RuleSetFixtures.AT));
            Set<String> backward = paths(orders.compare("orders", "OrderPriced", pair.get(1), pair.get(0), RuleSetFixtures.AT));

            assertThat(backward).isEqualTo(forward);
        });
    }

    @Test
    void anIgnoredPathNeverChangesTheVerdict() {
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(pairs(false), noise(), integers().between(0, 2))
                .checkAssert((pair, value, how) -> {
                    JsonNode legacy = pair.get(0);
                    JsonNode shadow = pair.get(1);
                    ObjectNode changed = (ObjectNode) shadow.deepCopy();
                    switch (how) {
                        case 0 -> changed.remove("internalNote");
                        case 1 -> changed.set("internalNote", value);
                        default -> changed.path("lines").forEach(line -> ((ObjectNode) line).set("lineId", value));
                    }

                    Comparison before = orders.compare("orders", "OrderPriced", legacy, shadow, RuleSetFixtures.AT);
                    Comparison after = orders.compare("orders", "OrderPriced", legacy, changed, RuleSetFixtures.AT);

                    assertThat(after.classification()).isEqualTo(before.classification());
                    assertThat(after.severity()).isEqualTo(before.severity());
                    assertThat(judgements(after)).isEqualTo(judgements(before));
                });
    }

    @Test
    void tighteningAToleranceNeverTurnsAMismatchIntoAMatch() {
        Gen<int[]> tolerances = integers().between(0, 300).zip(integers().between(0, 300), (a, b) -> new int[] {
                Math.max(a, b), Math.min(a, b)});
        qt().withExamples(EXAMPLES).withFixedSeed(SEED).forAll(pairs(false), tolerances).checkAssert((pair, t) -> {
            RuleBasedComparator loose = RuleSetFixtures.comparator(toleranceRules(t[0]));
            RuleBasedComparator tight = RuleSetFixtures.comparator(toleranceRules(t[1]));

            Comparison looseResult = loose.compare("inline", "T", pair.get(0), pair.get(1), RuleSetFixtures.AT);
            Comparison tightResult = tight.compare("inline", "T", pair.get(0), pair.get(1), RuleSetFixtures.AT);

            if (looseResult.classification() == Classification.MISMATCH) {
                assertThat(tightResult.classification()).isEqualTo(Classification.MISMATCH);
                assertThat(tightResult.severity()).isGreaterThanOrEqualTo(looseResult.severity());
            }
            if (tightResult.classification().bucket() == Classification.MatchRateBucket.AGREE) {
                assertThat(looseResult.classification().bucket()).isEqualTo(Classification.MatchRateBucket.AGREE);
            }
            assertThat(genuinePaths(tightResult)).containsAll(genuinePaths(looseResult));
        });
    }

    /** gross within an absolute tolerance of {@code cents}, line prices within {@code cents} per mille. */
    private static RuleSet toleranceRules(int cents) {
        BigDecimal absolute = BigDecimal.valueOf(cents, 2);
        BigDecimal relative = BigDecimal.valueOf(cents, 3);
        return RuleSetFixtures.inline("{fields: [{path: /gross, comparator: numeric, absolute: " + absolute.toPlainString()
                + ", severity: CRITICAL}, {path: /net, comparator: numeric, absolute: " + absolute.toPlainString()
                + ", severity: LOW}, {path: /lines, comparator: unordered, key: /sku}, {path: /lines/*/price, comparator: numeric,"
                + " relative: " + relative.toPlainString() + "}, {path: /internalNote, comparator: ignore}]}");
    }

    private static Set<String> paths(Comparison comparison) {
        return comparison.differences().stream().map(Difference::path).collect(Collectors.toSet());
    }

    private static List<String> judgements(Comparison comparison) {
        return comparison.differences().stream()
                .map(d -> d.path() + " " + d.comparator() + " " + d.withinTolerance() + " " + d.severity()).toList();
    }

    private static Set<String> genuinePaths(Comparison comparison) {
        return comparison.differences().stream().filter(d -> !d.withinTolerance()).map(Difference::path)
                .collect(Collectors.toSet());
    }

    // --- generators --------------------------------------------------------------------------------------

    /** Two outcomes that share some fields and differ in others. */
    private static Gen<List<JsonNode>> pairs(boolean sharedVocabulary) {
        Gen<JsonNode> outcomes = outcomes(sharedVocabulary);
        Gen<List<Boolean>> takeOther = lists().of(Generate.booleans()).ofSize(FIELDS);
        return outcomes.zip(outcomes, takeOther, (legacy, other, take) -> {
            ObjectNode shadow = (ObjectNode) legacy.deepCopy();
            for (int i = 0; i < FIELDS; i++) {
                if (take.get(i)) {
                    String name = NAMES.get(i);
                    if (other.has(name)) {
                        shadow.set(name, other.get(name));
                    } else {
                        shadow.remove(name);
                    }
                }
            }
            return List.of(legacy, (JsonNode) shadow);
        });
    }

    private static final List<String> NAMES = List.of("orderId", "channel", "region", "gross", "net", "discountReason",
            "taxBasis", "promotions", "lines", "pricedAt", "internalNote", "trackingCode", "quantity", "customer");
    private static final int FIELDS = NAMES.size();

    /** An order-pricing outcome: any field may be absent; values near each other so that tolerances matter. */
    private static Gen<JsonNode> outcomes(boolean sharedVocabulary) {
        List<String> reasons = sharedVocabulary ? List.of("loyalty", " Loyalty ", "promotion", "")
                : List.of("loyalty", " Loyalty ", "promotion", "", "LOYAL", "PRM");
        List<String> taxBases = sharedVocabulary ? List.of("NET", "GROSS") : List.of("NET", "GROSS", "N", "G");
        List<Gen<Optional<JsonNode>>> fields = List.<Gen<Optional<JsonNode>>>of(
                text(List.of("O-1", "O-2")),
                text(List.of("web", "store")),
                text(List.of("DE", "CH", "NO")),
                Generate.oneOf(amounts(), amounts().map(n -> (JsonNode) NODES.stringNode(n.decimalValue().toPlainString())))
                        .toOptionals(20),
                amounts().toOptionals(20),
                text(reasons),
                text(taxBases),
                lists().of(Generate.pick(List.of("a", "b", "SEASONAL"))).ofSizeBetween(0, 3)
                        .map(values -> (JsonNode) array(values)).toOptionals(20),
                lists().of(lines()).ofSizeBetween(0, 3).map(values -> (JsonNode) array(values)).toOptionals(20),
                integers().between(0, 4000).map(ms -> (JsonNode) NODES.stringNode(BASE.plusMillis(ms).toString())).toOptionals(20),
                noise().toOptionals(30),
                text(List.of("T-1", "T-2")),
                integers().between(0, 3).map(n -> (JsonNode) NODES.numberNode(n)).toOptionals(20),
                text(List.of("a@example.org", "b@example.org")).map(email -> email.map(e -> (JsonNode) NODES.objectNode()
                        .put("email", e.asString()).put("name", "N. N."))));
        Gen<ObjectNode> out = Generate.constant(NODES::objectNode);
        for (int i = 0; i < FIELDS; i++) {
            String name = NAMES.get(i);
            out = out.zip(fields.get(i), (object, value) -> {
                ObjectNode copy = object.deepCopy();
                value.ifPresent(v -> copy.set(name, v));
                return copy;
            });
        }
        return out.map(o -> (JsonNode) o);
    }

    private static Gen<JsonNode> amounts() {
        return integers().between(99_990, 100_010).zip(Generate.pick(List.of(2, 3)),
                (unscaled, scale) -> (JsonNode) NODES.numberNode(BigDecimal.valueOf(unscaled, scale)));
    }

    private static Gen<JsonNode> lines() {
        return Generate.pick(List.of("A", "B", "C")).zip(integers().between(1, 2), integers().between(99_900, 100_100),
                integers().between(1, 9), (sku, qty, price, id) -> (JsonNode) NODES.objectNode().put("sku", sku).put("qty", qty)
                        .put("price", BigDecimal.valueOf(price, 2)).put("lineId", id));
    }

    private static Gen<JsonNode> noise() {
        return Generate.oneOf(Generate.pick(List.of("checked", "", "x")).map(s -> (JsonNode) NODES.stringNode(s)),
                integers().between(-5, 5).map(n -> (JsonNode) NODES.numberNode(n)),
                Generate.constant(() -> (JsonNode) NODES.objectNode().put("auto", true)));
    }

    private static Gen<Optional<JsonNode>> text(List<String> values) {
        return Generate.pick(values).map(s -> (JsonNode) NODES.stringNode(s)).toOptionals(25);
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode array = NODES.arrayNode();
        for (Object value : values) {
            if (value instanceof JsonNode node) {
                array.add(node);
            } else {
                array.add(value.toString());
            }
        }
        return array;
    }
}
