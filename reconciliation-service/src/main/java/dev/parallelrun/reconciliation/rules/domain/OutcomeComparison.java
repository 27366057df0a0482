package dev.parallelrun.reconciliation.rules.domain;

import dev.parallelrun.events.Side;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.rules.domain.ValueComparator.Judgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies one outcome type's rules: normalizes each side (value mappings), walks both trees together
 * and judges every path with the rule that addresses it, then lets accepted variances and tolerances
 * decide the classification.
 *
 * <p>Which rule judges a path: the most specific field rule written for it; else the rule of the
 * nearest ancestor that has one (a rule on an object applies to everything below it); else the
 * default rule. {@code ignore} and {@code presence} decide for their whole subtree; {@code unordered}
 * decides for its array (as a set) or matches its elements by key and lets the rules below judge them.
 * A value present on one side only is reported leaf by leaf, so that each field's own rule judges it;
 * an empty object or array against an absent one is one difference.
 */
final class OutcomeComparison {

    private final OutcomeRules rules;
    private final Redactor redactor;
    private final List<Finding> findings = new ArrayList<>();

    private OutcomeComparison(OutcomeRules rules, Redactor redactor) {
        this.rules = rules;
        this.redactor = redactor;
    }

    /** What one comparison found, before it is turned into a verdict. */
    record Result(Classification classification, Severity severity, List<Difference> differences) {
    }

    private record Finding(List<String> path, JsonNode legacy, JsonNode shadow, FieldRule rule, Judgement judgement) {
    }

    /** The side's outcome with the rules' value mappings applied: what is compared and what a verdict shows (before redaction). */
    static JsonNode normalize(OutcomeRules rules, Side side, JsonNode document) {
        if (document == null || rules.fields().stream().noneMatch(FieldRule::maps) && !rules.defaultRule().maps()) {
            return document;
        }
        return normalize(rules, side, List.of(), document.deepCopy(), rules.defaultRule());
    }

    private static JsonNode normalize(OutcomeRules rules, Side side, List<String> path, JsonNode node, FieldRule inherited) {
        FieldRule rule = path.isEmpty() ? inherited : rules.ruleFor(path).orElse(inherited);
        if (rule.comparator() instanceof ValueComparator.Ignore || rule.comparator() instanceof ValueComparator.Presence) {
            return node;
        }
        FieldRule below = rule.comparator() instanceof ValueComparator.Unordered ? inherited : rule;
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                object.set(name, normalize(rules, side, append(path, name), object.get(name), below));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalize(rules, side, append(path, Integer.toString(i)), array.get(i), below));
            }
            return array;
        }
        if (JsonValues.absent(node)) {
            return node;
        }
        JsonNode mapped = rule.mapping(side).get(JsonValues.text(node));
        return mapped == null ? node : mapped;
    }

    /** Compares two normalized outcomes. */
    static Result compare(OutcomeRules rules, JsonNode legacy, JsonNode shadow, Instant at, Redactor redactor) {
        OutcomeComparison comparison = new OutcomeComparison(rules, redactor);
        comparison.walk(List.of(), legacy, shadow, rules.defaultRule());
        return comparison.result(legacy, shadow, at);
    }

    private void walk(List<String> path, JsonNode legacy, JsonNode shadow, FieldRule inherited) {
        FieldRule rule = path.isEmpty() ? inherited : rules.ruleFor(path).orElse(inherited);
        ValueComparator comparator = rule.comparator();
        boolean legacyAbsent = JsonValues.absent(legacy);
        boolean shadowAbsent = JsonValues.absent(shadow);
        if (comparator instanceof ValueComparator.Ignore) {
            return;
        }
        if (comparator instanceof ValueComparator.Presence) {
            if (legacyAbsent != shadowAbsent) {
                report(path, legacy, shadow, rule, Judgement.DIFFERENT);
            }
            return;
        }
        if (legacyAbsent && shadowAbsent) {
            return;
        }
        if (comparator instanceof ValueComparator.Unordered unordered) {
            if (!legacyAbsent && !shadowAbsent && legacy.isArray() && shadow.isArray()) {
                if (unordered.keyed()) {
                    matchByKey(path, legacy, shadow, rule, inherited);
                } else if (!elementSet(legacy).equals(elementSet(shadow))) {
                    report(path, legacy, shadow, rule, Judgement.DIFFERENT);
                }
            } else {
                report(path, legacy, shadow, rule, Judgement.DIFFERENT);
            }
            return;
        }
        if (!legacyAbsent && !shadowAbsent && legacy.isObject() && shadow.isObject()) {
            Set<String> names = new LinkedHashSet<>(legacy.propertyNames());
            names.addAll(shadow.propertyNames());
            for (String name : names) {
                walk(append(path, name), legacy.get(name), shadow.get(name), rule);
            }
            return;
        }
        if (!legacyAbsent && !shadowAbsent && legacy.isArray() && shadow.isArray()) {
            for (int i = 0; i < Math.max(legacy.size(), shadow.size()); i++) {
                walk(append(path, Integer.toString(i)), legacy.get(i), shadow.get(i), rule);
            }
            return;
        }
        if (legacyAbsent != shadowAbsent) {
            JsonNode present = legacyAbsent ? shadow : legacy;
            if (present.isContainer() && !present.isEmpty()) {
                descendOneSided(path, present, legacyAbsent, rule);
                return;
            }
        }
        Judgement judgement = ((ValueComparator.Leaf) comparator).judge(legacy, shadow);
        if (judgement != Judgement.EQUAL) {
            report(path, legacy, shadow, rule, judgement);
        }
    }

    private void descendOneSided(List<String> path, JsonNode present, boolean presentIsShadow, FieldRule rule) {
        if (present.isObject()) {
            for (String name : present.propertyNames()) {
                JsonNode child = present.get(name);
                walk(append(path, name), presentIsShadow ? null : child, presentIsShadow ? child : null, rule);
            }
        } else {
            for (int i = 0; i < present.size(); i++) {
                JsonNode child = present.get(i);
                walk(append(path, Integer.toString(i)), presentIsShadow ? null : child, presentIsShadow ? child : null, rule);
            }
        }
    }

    /** Matched elements are compared by the rules below the path; an element on one side only is one difference. */
    private void matchByKey(List<String> path, JsonNode legacy, JsonNode shadow, FieldRule rule, FieldRule inherited) {
        ValueComparator.Unordered unordered = (ValueComparator.Unordered) rule.comparator();
        Map<String, JsonNode> legacyByKey = byKey(legacy, unordered);
        Map<String, JsonNode> shadowByKey = byKey(shadow, unordered);
        Set<String> keys = new LinkedHashSet<>(legacyByKey.keySet());
        keys.addAll(shadowByKey.keySet());
        for (String key : keys) {
            JsonNode l = legacyByKey.get(key);
            JsonNode s = shadowByKey.get(key);
            if (l == null || s == null) {
                report(append(path, key), l, s, rule, Judgement.DIFFERENT);
            } else {
                walk(append(path, key), l, s, inherited);
            }
        }
    }

    /** Elements by their key, shown as {@code [value,value]}; a repeated key gets {@code #2}, {@code #3}, ... */
    private static Map<String, JsonNode> byKey(JsonNode array, ValueComparator.Unordered unordered) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode element : array) {
            StringJoiner key = new StringJoiner(",", "[", "]");
            for (PathPattern field : unordered.key()) {
                JsonNode value = element;
                for (String segment : field.segments()) {
                    value = JsonValues.absent(value) ? null : value.get(segment);
                }
                key.add(JsonValues.absent(value) ? "null" : JsonValues.text(value));
            }
            int occurrence = seen.merge(key.toString(), 1, Integer::sum);
            out.put(occurrence == 1 ? key.toString() : key + "#" + occurrence, element);
        }
        return out;
    }

    private static Set<String> elementSet(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(element -> out.add(JsonValues.canonical(element)));
        return out;
    }

    private void report(List<String> path, JsonNode legacy, JsonNode shadow, FieldRule rule, Judgement judgement) {
        findings.add(new Finding(path, legacy, shadow, rule, judgement));
    }

    private Result result(JsonNode legacy, JsonNode shadow, Instant at) {
        List<Difference> differences = new ArrayList<>();
        boolean accepted = false;
        boolean tolerated = false;
        Severity worst = Severity.NONE;
        for (Finding finding : findings) {
            String comparator = finding.rule().comparator().name();
            boolean withinTolerance = finding.judgement() == Judgement.WITHIN_TOLERANCE;
            Severity severity = Severity.NONE;
            String varianceId = null;
            if (withinTolerance) {
                tolerated = true;
            } else {
                AcceptedVariance variance = varianceFor(finding.path(), legacy, shadow, at);
                if (variance != null) {
                    accepted = true;
                    varianceId = variance.id();
                    comparator = comparator + "+variance:" + varianceId;
                } else {
                    severity = finding.rule().severity();
                    worst = worst.worst(severity);
                }
            }
            differences.add(new Difference(PathPattern.format(finding.path()), shown(finding.path(), finding.legacy()),
                    shown(finding.path(), finding.shadow()), comparator, withinTolerance, varianceId, severity));
        }
        Classification classification;
        if (worst != Severity.NONE) {
            classification = Classification.MISMATCH;
        } else if (accepted) {
            classification = Classification.EXPECTED_DIFFERENCE;
        } else if (tolerated) {
            classification = Classification.TOLERATED;
        } else {
            classification = Classification.MATCH;
        }
        return new Result(classification, worst, differences);
    }

    private AcceptedVariance varianceFor(List<String> path, JsonNode legacy, JsonNode shadow, Instant at) {
        for (AcceptedVariance variance : rules.variances()) {
            if (variance.covers(path, legacy, shadow, at)) {
                return variance;
            }
        }
        return null;
    }

    private JsonNode shown(List<String> path, JsonNode value) {
        return JsonValues.absent(value) ? null : redactor.redactAt(rules.redaction(), path, value);
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(segment);
        return out;
    }
}
