package dev.parallelrun.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class StructuralComparatorTest {

    private final StructuralComparator comparator = new StructuralComparator();

    static Stream<Arguments> equivalentPairs() {
        return Stream.of(
                Arguments.of("identical objects", "{\"a\":1,\"b\":\"x\"}", "{\"a\":1,\"b\":\"x\"}"),
                Arguments.of("field order", "{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}"),
                Arguments.of("trailing zeros", "{\"amount\":976.10}", "{\"amount\":976.1}"),
                Arguments.of("integer vs decimal", "{\"amount\":10}", "{\"amount\":10.00}"),
                Arguments.of("null vs absent", "{\"a\":1,\"b\":null}", "{\"a\":1}"),
                Arguments.of("nested", "{\"o\":{\"p\":[1,{\"q\":true}]}}", "{\"o\":{\"p\":[1,{\"q\":true}]}}"),
                Arguments.of("empty arrays", "{\"l\":[]}", "{\"l\":[]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equivalentPairs")
    void matchesEquivalentContent(String name, String legacy, String shadow) {
        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.MATCH);
        assertThat(comparison.severity()).isEqualTo(Severity.NONE);
        assertThat(comparison.differences()).isEmpty();
    }

    static Stream<Arguments> differingPairs() {
        return Stream.of(
                Arguments.of("changed number", "{\"amount\":976.19}", "{\"amount\":976.18}", "/amount"),
                Arguments.of("changed text", "{\"decision\":\"APPROVED\"}", "{\"decision\":\"DECLINED\"}", "/decision"),
                Arguments.of("missing field", "{\"a\":1,\"b\":2}", "{\"a\":1}", "/b"),
                Arguments.of("extra field", "{\"a\":1}", "{\"a\":1,\"c\":3}", "/c"),
                Arguments.of("type change", "{\"score\":\"12\"}", "{\"score\":12}", "/score"),
                Arguments.of("array element", "{\"l\":[\"x\",\"y\"]}", "{\"l\":[\"x\",\"z\"]}", "/l/1"),
                Arguments.of("longer array", "{\"l\":[\"x\"]}", "{\"l\":[\"x\",\"y\"]}", "/l/1"),
                Arguments.of("nested field", "{\"o\":{\"p\":{\"q\":1}}}", "{\"o\":{\"p\":{\"q\":2}}}", "/o/p/q"),
                Arguments.of("escaped name", "{\"a/b\":1}", "{\"a/b\":2}", "/a~1b"),
                Arguments.of("object vs array", "{\"o\":{}}", "{\"o\":[]}", "/o"),
                Arguments.of("empty vs missing array", "{\"l\":[]}", "{}", "/l"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differingPairs")
    void reportsEachDifferenceByJsonPointer(String name, String legacy, String shadow, String path) {
        Comparison comparison = compare(legacy, shadow);

        assertThat(comparison.classification()).isEqualTo(Classification.MISMATCH);
        assertThat(comparison.differences()).extracting(Difference::path).containsExactly(path);
        assertThat(comparison.differences()).allSatisfy(d -> {
            assertThat(d.comparator()).isEqualTo("exact");
            assertThat(d.withinTolerance()).isFalse();
        });
    }

    @Test
    void carriesBothValuesAndNullForAnAbsentSide() {
        Difference difference = compare("{\"a\":1,\"b\":2}", "{\"a\":1}").differences().get(0);

        assertThat(difference.legacy().asInt()).isEqualTo(2);
        assertThat(difference.shadow()).isNull();
    }

    @Test
    void takesTheConfiguredSeverity() {
        Comparison comparison = new StructuralComparator(Severity.CRITICAL).compare("claims", "X",
                json("{\"a\":1}"), json("{\"a\":2}"));

        assertThat(comparison.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(comparison.ruleSetVersion()).isEqualTo(StructuralComparator.RULE_SET_VERSION);
    }

    @Test
    void isSymmetricInThePathsItReports() {
        String legacy = "{\"a\":1,\"l\":[1,2],\"o\":{\"x\":\"y\"}}";
        String shadow = "{\"a\":2,\"l\":[1],\"o\":{\"x\":\"z\"},\"n\":true}";

        assertThat(compare(legacy, shadow).differences()).extracting(Difference::path)
                .containsExactlyInAnyOrderElementsOf(compare(shadow, legacy).differences().stream().map(Difference::path).toList());
    }

    private Comparison compare(String legacy, String shadow) {
        return comparator.compare("claims", "PaymentDecided", json(legacy), json(shadow));
    }

    private static JsonNode json(String text) {
        return EventCodec.standard().mapper().readTree(text);
    }
}
