package dev.parallelrun.reconciliation.rules.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every comparator a field rule can name, in one place: its name (in rule files and on reported differences),
 * the options it takes, whether it may be a default rule, whether a value mapping or a severity applies to it,
 * and how it is built from its options with every check its options need. A rule-file format (the YAML adapter)
 * reads the options; the comparison names differences after {@link ValueComparator#kind()}.
 */
public enum ComparatorKind {

    EXACT("exact", Set.of(), true, true, true) {
        @Override
        public ValueComparator build(Options options) {
            return new ValueComparator.Exact();
        }
    },
    IGNORE("ignore", Set.of(), true, false, false) {
        @Override
        public ValueComparator build(Options options) {
            return new ValueComparator.Ignore();
        }
    },
    PRESENCE("presence", Set.of(), true, false, true) {
        @Override
        public ValueComparator build(Options options) {
            return new ValueComparator.Presence();
        }
    },
    NUMERIC("numeric", Set.of("absolute", "relative"), false, true, true) {
        @Override
        public ValueComparator build(Options options) {
            BigDecimal absolute = options.nonNegative("absolute");
            BigDecimal relative = options.nonNegative("relative");
            if (relative != null && relative.compareTo(BigDecimal.ONE) > 0) {
                throw options.invalid("relative tolerance " + relative.toPlainString()
                        + " is more than 1 (100%); write 0.01 for one percent");
            }
            return new ValueComparator.Numeric(absolute, relative);
        }
    },
    ROUNDING("rounding", Set.of("places", "modes", "legacy", "shadow"), false, true, true) {
        @Override
        public ValueComparator build(Options options) {
            if (!options.has("places")) {
                throw options.invalid("comparator rounding needs places (decimal places, e.g. places: 2)");
            }
            JsonNode places = options.value("places");
            if (!places.isIntegralNumber() || places.asInt() < 0 || places.asInt() > 18) {
                throw options.invalid("places must be a whole number from 0 to 18, not " + places);
            }
            boolean sided = options.has("legacy") || options.has("shadow");
            if (sided == options.has("modes")) {
                throw options.invalid("rounding needs either modes: [HALF_UP, HALF_EVEN] "
                        + "(either side may use either) or legacy: and shadow: (each side's mode), not both");
            }
            RoundingMode first;
            RoundingMode second;
            if (sided) {
                if (!options.has("legacy") || !options.has("shadow")) {
                    throw options.invalid("rounding needs both legacy: and shadow: modes");
                }
                first = roundingMode(options, options.value("legacy"));
                second = roundingMode(options, options.value("shadow"));
            } else {
                JsonNode modes = options.value("modes");
                if (!modes.isArray() || modes.size() != 2) {
                    throw options.invalid("modes must list two rounding modes, e.g. [HALF_UP, HALF_EVEN]");
                }
                first = roundingMode(options, modes.get(0));
                second = roundingMode(options, modes.get(1));
            }
            if (first == second) {
                throw options.invalid("the two rounding modes are both " + first
                        + "; for one policy on both sides use numeric or exact");
            }
            return new ValueComparator.Rounding(places.asInt(), first, second, sided);
        }
    },
    TEXT("text", Set.of("ignoreCase", "whitespace"), false, true, true) {
        @Override
        public ValueComparator build(Options options) {
            boolean ignoreCase = !options.has("ignoreCase") || options.bool("ignoreCase");
            ValueComparator.Text.Whitespace whitespace = ValueComparator.Text.Whitespace.COLLAPSE;
            if (options.has("whitespace")) {
                whitespace = options.enumValue("whitespace", ValueComparator.Text.Whitespace.class);
            }
            return new ValueComparator.Text(ignoreCase, whitespace);
        }
    },
    TIMESTAMP("timestamp", Set.of("tolerance"), false, true, true) {
        @Override
        public ValueComparator build(Options options) {
            if (!options.has("tolerance")) {
                throw options.invalid("comparator timestamp needs a tolerance, e.g. tolerance: 2s");
            }
            return new ValueComparator.Timestamp(options.duration("tolerance", true));
        }
    },
    UNORDERED("unordered", Set.of("key"), false, true, true) {
        @Override
        public ValueComparator build(Options options) {
            List<PathPattern> key = new ArrayList<>();
            if (options.has("key")) {
                JsonNode keyNode = options.value("key");
                List<JsonNode> keys = new ArrayList<>();
                if (keyNode.isArray()) {
                    keyNode.forEach(keys::add);
                } else {
                    keys.add(keyNode);
                }
                if (keys.isEmpty()) {
                    throw options.invalid("key is empty: name at least one field, e.g. key: /account");
                }
                for (JsonNode k : keys) {
                    PathPattern pattern = options.pointer("key", k);
                    if (pattern.hasWildcard()) {
                        throw options.invalid("key " + pattern + " must not contain '*'");
                    }
                    key.add(pattern);
                }
            }
            return new ValueComparator.Unordered(key);
        }
    };

    private static final Set<RoundingMode> TIE_MODES = Set.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN,
            RoundingMode.HALF_DOWN);

    private final String wireName;
    private final Set<String> options;
    private final boolean usableAsDefault;
    private final boolean takesMap;
    private final boolean takesSeverity;

    ComparatorKind(String wireName, Set<String> options, boolean usableAsDefault, boolean takesMap,
            boolean takesSeverity) {
        this.wireName = wireName;
        this.options = options;
        this.usableAsDefault = usableAsDefault;
        this.takesMap = takesMap;
        this.takesSeverity = takesSeverity;
    }

    /** Builds the comparator from a rule's options; invalid options are reported through {@link Options#invalid}. */
    public abstract ValueComparator build(Options options);

    /** The name in rule files and on reported differences. */
    public String wireName() {
        return wireName;
    }

    /** The options a rule with this comparator may give, sorted by name. */
    public List<String> options() {
        return options.stream().sorted().toList();
    }

    /** Whether a default rule (for fields no rule addresses) may use it: only comparators that need no path. */
    public boolean usableAsDefault() {
        return usableAsDefault;
    }

    /** Whether a value mapping changes what it compares ({@code ignore} and {@code presence} look at no value). */
    public boolean takesMap() {
        return takesMap;
    }

    /** Whether a difference it finds has a severity ({@code ignore} finds none). */
    public boolean takesSeverity() {
        return takesSeverity;
    }

    /** The comparator of that name, if there is one. */
    public static Optional<ComparatorKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    /** Every comparator's name, in this catalog's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ComparatorKind::wireName).toList();
    }

    /** Whether any comparator takes an option of that name. */
    public static boolean isOptionOfAny(String option) {
        return Arrays.stream(values()).anyMatch(kind -> kind.options.contains(option));
    }

    private static RoundingMode roundingMode(Options options, JsonNode value) {
        String text = value.isString() ? value.asString() : String.valueOf(value);
        try {
            RoundingMode mode = RoundingMode.valueOf(text);
            if (TIE_MODES.contains(mode)) {
                return mode;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw options.invalid("unknown rounding mode '" + text + "'; use HALF_UP, HALF_EVEN or HALF_DOWN");
    }

    /**
     * A rule's options as a rule-file format reads them; each typed read reports a value of the wrong type itself,
     * naming where the rule is written.
     */
    public interface Options {

        /** Whether the option is given (and not null). */
        boolean has(String option);

        /** The option's value as written. */
        JsonNode value(String option);

        /** A number that is not negative, or {@code null} when the option is not given. */
        BigDecimal nonNegative(String option);

        /** {@code true} or {@code false}. */
        boolean bool(String option);

        /** One of the enum's constants, by name regardless of case. */
        <E extends Enum<E>> E enumValue(String option, Class<E> type);

        /** A duration, zero allowed or not; {@code null} when the option is not given. */
        Duration duration(String option, boolean zeroAllowed);

        /** A JSON Pointer pattern given as the option's value (or one of its values). */
        PathPattern pointer(String option, JsonNode value);

        /** The exception that reports the problem, naming the file and the rule. */
        RuntimeException invalid(String problem);
    }
}
