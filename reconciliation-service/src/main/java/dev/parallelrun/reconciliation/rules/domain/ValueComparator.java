package dev.parallelrun.reconciliation.rules.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * How a field rule compares the two sides' values. Its {@link #kind()} in the {@link ComparatorKind} catalog
 * gives the name a reported difference names as its comparator.
 *
 * <p>Leaf comparators judge two values (either may be absent); {@link Ignore}, {@link Presence} and
 * {@link Unordered} decide for the whole subtree at their path.
 */
public sealed interface ValueComparator {

    /** Which comparator this is, in the {@link ComparatorKind} catalog. */
    ComparatorKind kind();

    /** The comparator's name in rule files and on differences. */
    default String name() {
        return kind().wireName();
    }

    /** What a comparator concluded about two values. */
    enum Judgement {
        /** Equal after normalization: no difference. */
        EQUAL,
        /** Different, but within the rule's tolerance. */
        WITHIN_TOLERANCE,
        /** A genuine difference. */
        DIFFERENT
    }

    /** A comparator that judges one pair of values. */
    sealed interface Leaf extends ValueComparator {
        Judgement judge(JsonNode legacy, JsonNode shadow);
    }

    /** Never a difference, whatever is at or below the path. */
    record Ignore() implements ValueComparator {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.IGNORE;
        }
    }

    /** Only whether the value is there counts: both present or both absent is equal. */
    record Presence() implements ValueComparator {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.PRESENCE;
        }
    }

    /** Equal values, numbers by value ({@code 1.5} = {@code 1.50}); a number and a numeric string differ. */
    record Exact() implements Leaf {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.EXACT;
        }

        @Override
        public Judgement judge(JsonNode legacy, JsonNode shadow) {
            return JsonValues.sameValue(legacy, shadow) ? Judgement.EQUAL : Judgement.DIFFERENT;
        }
    }

    /**
     * Numbers (or numeric strings) within an absolute and/or relative tolerance: different by at most
     * {@code max(absolute, relative x max(|legacy|, |shadow|))}. Without a tolerance: equal by value.
     */
    record Numeric(BigDecimal absolute, BigDecimal relative) implements Leaf {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.NUMERIC;
        }

        @Override
        public Judgement judge(JsonNode legacy, JsonNode shadow) {
            BigDecimal a = JsonValues.decimal(legacy);
            BigDecimal b = JsonValues.decimal(shadow);
            if (a == null || b == null) {
                return JsonValues.sameValue(legacy, shadow) ? Judgement.EQUAL : Judgement.DIFFERENT;
            }
            BigDecimal difference = a.subtract(b).abs();
            if (difference.signum() == 0) {
                return Judgement.EQUAL;
            }
            BigDecimal allowed = absolute == null ? BigDecimal.ZERO : absolute;
            if (relative != null) {
                allowed = allowed.max(relative.multiply(a.abs().max(b.abs()), MathContext.DECIMAL128));
            }
            return difference.compareTo(allowed) <= 0 ? Judgement.WITHIN_TOLERANCE : Judgement.DIFFERENT;
        }
    }

    /**
     * The same amount rounded to {@code places} decimals under two rounding policies: the values differ
     * by exactly one unit in the last place and each is what its side's mode makes of the tie between
     * them (e.g. 976.185: 976.19 half-up, 976.18 half-even). Unless {@code sided}, either side may have
     * used either mode.
     */
    record Rounding(int places, RoundingMode legacyMode, RoundingMode shadowMode, boolean sided) implements Leaf {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.ROUNDING;
        }

        @Override
        public Judgement judge(JsonNode legacy, JsonNode shadow) {
            BigDecimal a = JsonValues.decimal(legacy);
            BigDecimal b = JsonValues.decimal(shadow);
            if (a == null || b == null) {
                return JsonValues.sameValue(legacy, shadow) ? Judgement.EQUAL : Judgement.DIFFERENT;
            }
            if (a.compareTo(b) == 0) {
                return Judgement.EQUAL;
            }
            if (decimals(a) > places || decimals(b) > places
                    || a.subtract(b).abs().compareTo(BigDecimal.ONE.movePointLeft(places)) != 0) {
                return Judgement.DIFFERENT;
            }
            BigDecimal tie = a.add(b).divide(BigDecimal.valueOf(2));
            boolean explained = roundsTo(tie, legacyMode, a) && roundsTo(tie, shadowMode, b)
                    || !sided && roundsTo(tie, shadowMode, a) && roundsTo(tie, legacyMode, b);
            return explained ? Judgement.WITHIN_TOLERANCE : Judgement.DIFFERENT;
        }

        private boolean roundsTo(BigDecimal tie, RoundingMode mode, BigDecimal expected) {
            return tie.setScale(places, mode).compareTo(expected) == 0;
        }

        private static int decimals(BigDecimal value) {
            return Math.max(0, value.stripTrailingZeros().scale());
        }
    }

    /** Text compared without regard to case and/or whitespace (collapsed runs, or removed altogether). */
    record Text(boolean ignoreCase, Whitespace whitespace) implements Leaf {

        /** What whitespace counts for. */
        public enum Whitespace {
            /** Exactly as given. */
            EXACT,
            /** Leading and trailing whitespace dropped, inner runs as one space. */
            COLLAPSE,
            /** No whitespace at all counts. */
            REMOVE
        }

        @Override
        public ComparatorKind kind() {
            return ComparatorKind.TEXT;
        }

        @Override
        public Judgement judge(JsonNode legacy, JsonNode shadow) {
            if (JsonValues.absent(legacy) || JsonValues.absent(shadow) || legacy.isContainer() || shadow.isContainer()) {
                return JsonValues.sameValue(legacy, shadow) ? Judgement.EQUAL : Judgement.DIFFERENT;
            }
            return normalize(JsonValues.text(legacy)).equals(normalize(JsonValues.text(shadow)))
                    ? Judgement.EQUAL : Judgement.DIFFERENT;
        }

        private String normalize(String text) {
            String out = switch (whitespace) {
                case EXACT -> text;
                case COLLAPSE -> text.strip().replaceAll("\\s+", " ");
                case REMOVE -> text.replaceAll("\\s+", "");
            };
            return ignoreCase ? out.toLowerCase(Locale.ROOT) : out;
        }
    }

    /** ISO-8601 timestamps (with offset or {@code Z}) at most {@code tolerance} apart; the same instant is equal. */
    record Timestamp(Duration tolerance) implements Leaf {
        @Override
        public ComparatorKind kind() {
            return ComparatorKind.TIMESTAMP;
        }

        @Override
        public Judgement judge(JsonNode legacy, JsonNode shadow) {
            Instant a = instant(legacy);
            Instant b = instant(shadow);
            if (a == null || b == null) {
                return JsonValues.sameValue(legacy, shadow) ? Judgement.EQUAL : Judgement.DIFFERENT;
            }
            Duration apart = Duration.between(a, b).abs();
            if (apart.isZero()) {
                return Judgement.EQUAL;
            }
            return apart.compareTo(tolerance) <= 0 ? Judgement.WITHIN_TOLERANCE : Judgement.DIFFERENT;
        }

        private static Instant instant(JsonNode node) {
            if (JsonValues.absent(node) || !node.isString()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(node.asString().trim()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * An array whose order does not matter: compared as a set of values, or, with {@code key}, its
     * elements matched by the key fields and then compared field by field under the rules below the path.
     *
     * @param key JSON Pointers inside an element; empty for set comparison
     */
    record Unordered(List<PathPattern> key) implements ValueComparator {
        public Unordered {
            key = List.copyOf(key);
        }

        @Override
        public ComparatorKind kind() {
            return ComparatorKind.UNORDERED;
        }

        boolean keyed() {
            return !key.isEmpty();
        }
    }
}
