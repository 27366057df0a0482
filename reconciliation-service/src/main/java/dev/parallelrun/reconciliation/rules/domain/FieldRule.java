package dev.parallelrun.reconciliation.rules.domain;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Severity;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How the values at a path are compared, and how much a genuine difference there matters.
 *
 * @param path       what the rule addresses; {@code null} for an outcome type's default rule
 * @param legacyMap  value mapping applied to the legacy side before comparing (and in the normalized outcome)
 * @param shadowMap  value mapping applied to the shadow side
 * @param location   where the rule is written, for messages: e.g. {@code outcomeTypes.PaymentDecided.fields[2]}
 */
public record FieldRule(PathPattern path, ValueComparator comparator, Severity severity,
        Map<String, JsonNode> legacyMap, Map<String, JsonNode> shadowMap, String location) {

    public FieldRule {
        legacyMap = legacyMap == null ? Map.of() : Map.copyOf(legacyMap);
        shadowMap = shadowMap == null ? Map.of() : Map.copyOf(shadowMap);
    }

    /** The rule for fields no other rule addresses, unless a rule set says otherwise: exact, {@code HIGH}. */
    public static FieldRule defaultRule(String location) {
        return new FieldRule(null, new ValueComparator.Exact(), Severity.HIGH, Map.of(), Map.of(), location);
    }

    Map<String, JsonNode> mapping(Side side) {
        return side == Side.LEGACY ? legacyMap : shadowMap;
    }

    boolean maps() {
        return !legacyMap.isEmpty() || !shadowMap.isEmpty();
    }
}
