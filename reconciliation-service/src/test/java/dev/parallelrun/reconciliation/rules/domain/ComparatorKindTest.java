package dev.parallelrun.reconciliation.rules.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ComparatorKindTest {

    /** What a rule of each comparator minimally needs, written as a rule file would. */
    private static final Map<ComparatorKind, String> MINIMAL = Map.of(
            ComparatorKind.EXACT, "{}",
            ComparatorKind.IGNORE, "{}",
            ComparatorKind.PRESENCE, "{}",
            ComparatorKind.NUMERIC, "{\"absolute\": 0.01}",
            ComparatorKind.ROUNDING, "{\"places\": 2, \"modes\": [\"HALF_UP\", \"HALF_EVEN\"]}",
            ComparatorKind.TEXT, "{}",
            ComparatorKind.TIMESTAMP, "{\"tolerance\": \"2s\"}",
            ComparatorKind.UNORDERED, "{\"key\": \"/account\"}");

    @Test
    void buildsEveryComparatorSoThatItNamesItselfByItsKind() {
        assertThat(MINIMAL).containsOnlyKeys(ComparatorKind.values());
        for (ComparatorKind kind : ComparatorKind.values()) {
            ValueComparator comparator = kind.build(options(MINIMAL.get(kind)));

            assertThat(comparator.kind()).isEqualTo(kind);
            assertThat(comparator.name()).isEqualTo(kind.wireName());
            assertThat(ComparatorKind.named(kind.wireName())).contains(kind);
        }
    }

    @Test
    void reportsInvalidOptionsThroughTheFormatThatReadThem() {
        assertThatThrownBy(() -> ComparatorKind.NUMERIC.build(options("{\"relative\": 2}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("relative tolerance 2 is more than 1 (100%); write 0.01 for one percent");
        assertThatThrownBy(() -> ComparatorKind.ROUNDING.build(options("{\"places\": 2, \"modes\": [\"HALF_UP\", \"HALF_UP\"]}")))
                .hasMessage("the two rounding modes are both HALF_UP; for one policy on both sides use numeric or exact");
    }

    @Test
    void letsOnlyComparatorsThatNeedNoPathBeDefaults() {
        assertThat(ComparatorKind.values()).filteredOn(ComparatorKind::usableAsDefault)
                .containsExactlyInAnyOrder(ComparatorKind.EXACT, ComparatorKind.PRESENCE, ComparatorKind.IGNORE);
        assertThat(ComparatorKind.isOptionOfAny("tolerance")).isTrue();
        assertThat(ComparatorKind.isOptionOfAny("tolerence")).isFalse();
    }

    /** Options read from a JSON object; a problem is an IllegalArgumentException with the catalog's message. */
    private static ComparatorKind.Options options(String json) {
        JsonNode node = RuleSetFixtures.json(json);
        return new ComparatorKind.Options() {
            @Override
            public boolean has(String option) {
                return node.has(option) && !node.get(option).isNull();
            }

            @Override
            public JsonNode value(String option) {
                return node.get(option);
            }

            @Override
            public BigDecimal nonNegative(String option) {
                return has(option) ? node.get(option).decimalValue() : null;
            }

            @Override
            public boolean bool(String option) {
                return node.get(option).asBoolean();
            }

            @Override
            public <E extends Enum<E>> E enumValue(String option, Class<E> type) {
                return Enum.valueOf(type, node.get(option).asString().toUpperCase(java.util.Locale.ROOT));
            }

            @Override
            public Duration duration(String option, boolean zeroAllowed) {
                return Duration.parse("PT" + node.get(option).asString().toUpperCase(java.util.Locale.ROOT));
            }

            @Override
            public PathPattern pointer(String option, JsonNode value) {
                return PathPattern.parse(value.asString());
            }

            @Override
            public RuntimeException invalid(String problem) {
                return new IllegalArgumentException(problem);
            }
        };
    }
}
