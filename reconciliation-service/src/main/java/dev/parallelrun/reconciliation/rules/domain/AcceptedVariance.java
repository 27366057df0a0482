package dev.parallelrun.reconciliation.rules.domain;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A known, documented difference that is not a defect of the new service (a model improvement, a
 * known legacy defect): a genuine difference at one of its paths (or below), while its conditions
 * hold and before it expires, makes the verdict {@code EXPECTED_DIFFERENCE} instead of {@code MISMATCH}.
 *
 * @param expiresAt the first instant at which it no longer applies; {@code null}: no expiry
 */
public record AcceptedVariance(String id, List<PathPattern> paths, List<Condition> when, String reason,
        String reference, Instant expiresAt) {

    public AcceptedVariance {
        paths = List.copyOf(paths);
        when = List.copyOf(when);
    }

    /** Whether the variance applies, at {@code at}, to a difference at {@code path} between these outcomes. */
    boolean covers(List<String> path, JsonNode legacy, JsonNode shadow, Instant at) {
        if (!activeAt(at)) {
            return false;
        }
        if (paths.stream().noneMatch(p -> p.matchesPrefixOf(path))) {
            return false;
        }
        return when.stream().allMatch(condition -> condition.holds(legacy, shadow));
    }

    public boolean activeAt(Instant at) {
        return expiresAt == null || at.isBefore(expiresAt);
    }

    /**
     * One condition on the compared outcomes; all of a variance's conditions must hold.
     *
     * @param path   a JSON Pointer without wildcards
     * @param side   whose value is tested ({@code BOTH}: each side's)
     * @param test   what is tested
     * @param values the operand of {@code EQUALS} (one value) and {@code IN}; empty otherwise
     * @param flag   the operand of {@code PRESENT} and {@code AGREE}
     */
    public record Condition(PathPattern path, ConditionSide side, Test test, List<JsonNode> values, boolean flag) {

        public Condition {
            values = List.copyOf(values);
        }

        /** Whose value a condition tests. */
        public enum ConditionSide {
            LEGACY, SHADOW, BOTH
        }

        /** The kinds of condition. */
        public enum Test {
            /** The value equals the operand (numbers by value). */
            EQUALS,
            /** The value equals one of the operands. */
            IN,
            /** The value is present ({@code true}) or absent ({@code false}). */
            PRESENT,
            /** Both sides have the same value ({@code true}) or different values ({@code false}); ignores {@code side}. */
            AGREE
        }

        boolean holds(JsonNode legacy, JsonNode shadow) {
            JsonNode l = at(legacy);
            JsonNode s = at(shadow);
            if (test == Test.AGREE) {
                return JsonValues.sameValue(l, s) == flag;
            }
            return switch (side) {
                case LEGACY -> holds(l);
                case SHADOW -> holds(s);
                case BOTH -> holds(l) && holds(s);
            };
        }

        private boolean holds(JsonNode value) {
            return switch (test) {
                case EQUALS, IN -> values.stream().anyMatch(v -> JsonValues.sameValue(v, value));
                case PRESENT -> JsonValues.absent(value) != flag;
                case AGREE -> throw new IllegalStateException("AGREE compares both sides");
            };
        }

        private JsonNode at(JsonNode document) {
            JsonNode node = document;
            for (String segment : path.segments()) {
                if (JsonValues.absent(node)) {
                    return null;
                }
                node = node.isArray() ? node.get(parseIndex(segment)) : node.get(segment);
            }
            return node;
        }

        private static int parseIndex(String segment) {
            try {
                return Integer.parseInt(segment);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
