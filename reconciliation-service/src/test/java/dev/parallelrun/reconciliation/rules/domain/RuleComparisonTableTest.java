package dev.parallelrun.reconciliation.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rule engine, case by case from {@code comparison-cases.yml}: every comparator, normalization,
 * wildcards, nesting, nulls and absent fields, type changes, empty and missing collections, numbers as
 * strings, accepted variances (active, expired, conditional) and severity aggregation.
 */
class RuleComparisonTableTest {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static Stream<Arguments> cases() {
        JsonNode cases = YAML.readTree(RuleSetFixtures.resource("comparison-cases.yml"));
        List<Arguments> out = new ArrayList<>();
        cases.forEach(c -> out.add(Arguments.of(c.get("name").asString(), c)));
        return out.stream();
    }

    @Test
    void theTableHasAtLeastFiftyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void comparesAsTheTableSays(String name, JsonNode c) {
        String ruleSet = c.get("ruleSet").asString();
        String context;
        RuleBasedComparator comparator;
        String outcomeType = c.has("outcomeType") ? c.get("outcomeType").asString() : null;
        switch (ruleSet) {
            case "orders" -> {
                comparator = RuleSetFixtures.comparator(RuleSetFixtures.orders());
                context = "orders";
                outcomeType = outcomeType == null ? "OrderPriced" : outcomeType;
            }
            case "claims" -> {
                comparator = RuleSetFixtures.comparator(RuleSetFixtures.claims());
                context = "claims";
            }
            case "inline" -> {
                String rules = EventCodec.standard().mapper().writeValueAsString(c.get("rules"));
                comparator = RuleSetFixtures.comparator(RuleSetFixtures.inline(rules));
                context = "inline";
                outcomeType = "T";
            }
            case "fallback" -> {
                comparator = RuleSetFixtures.comparator();
                context = "a-context-without-rules";
                outcomeType = "Anything";
            }
            default -> throw new IllegalArgumentException("unknown rule set " + ruleSet);
        }

        Comparison comparison = comparator.compare(context, outcomeType, c.get("legacy"), c.get("shadow"),
                RuleSetFixtures.AT);

        String[] expect = c.get("expect").asString().split(" ");
        assertThat(comparison.classification()).as("classification").isEqualTo(Classification.valueOf(expect[0]));
        assertThat(comparison.severity()).as("severity").isEqualTo(Severity.valueOf(expect[1]));
        List<String> expected = new ArrayList<>();
        if (c.has("differences")) {
            c.get("differences").forEach(d -> expected.add(d.asString()));
        }
        assertThat(comparison.differences()).extracting(RuleComparisonTableTest::describe)
                .as("differences").containsExactlyElementsOf(expected);
        assertThat(comparison.ruleSetVersion()).isEqualTo(comparator.ruleSetVersion(context));
    }

    private static String describe(Difference d) {
        String judgement = d.withinTolerance() ? "within" : d.comparator().contains("+variance:") ? "accepted" : "genuine";
        return d.path() + " " + d.comparator() + " " + judgement + " " + d.severity();
    }
}
