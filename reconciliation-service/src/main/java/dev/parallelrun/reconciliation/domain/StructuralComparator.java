package dev.parallelrun.reconciliation.domain;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A field-level structural diff of two outcomes' data: objects field by field, arrays element by
 * element, numbers by value ({@code 1.5} equals {@code 1.50}), everything else exactly. Every
 * difference is a genuine one; there are no tolerances here.
 *
 * <p>Differences are reported by JSON Pointer (RFC 6901). A field present on one side and absent on
 * the other is a difference with {@code null} on the absent side; an explicit JSON {@code null}
 * equals an absent field.
 */
public final class StructuralComparator implements OutcomeComparator {

    public static final String RULE_SET_VERSION = "structural-1";
    static final String COMPARATOR = "exact";

    private final Severity severity;

    public StructuralComparator(Severity severity) {
        this.severity = severity;
    }

    public StructuralComparator() {
        this(Severity.HIGH);
    }

    @Override
    public Comparison compare(String context, String outcomeType, JsonNode legacy, JsonNode shadow) {
        List<Difference> differences = new ArrayList<>();
        diff("", legacy, shadow, differences);
        if (differences.isEmpty()) {
            return new Comparison(Classification.MATCH, Severity.NONE, differences, RULE_SET_VERSION);
        }
        return new Comparison(Classification.MISMATCH, severity, differences, RULE_SET_VERSION);
    }

    @Override
    public String ruleSetVersion(String context) {
        return RULE_SET_VERSION;
    }

    private void diff(String path, JsonNode legacy, JsonNode shadow, List<Difference> out) {
        boolean legacyAbsent = absent(legacy);
        boolean shadowAbsent = absent(shadow);
        if (legacyAbsent && shadowAbsent) {
            return;
        }
        if (legacyAbsent || shadowAbsent) {
            out.add(difference(path, legacy, shadow));
            return;
        }
        if (legacy.isObject() && shadow.isObject()) {
            Set<String> names = new LinkedHashSet<>(legacy.propertyNames());
            names.addAll(shadow.propertyNames());
            for (String name : names) {
                diff(path + "/" + escape(name), legacy.get(name), shadow.get(name), out);
            }
            return;
        }
        if (legacy.isArray() && shadow.isArray()) {
            int size = Math.max(legacy.size(), shadow.size());
            for (int i = 0; i < size; i++) {
                diff(path + "/" + i, legacy.get(i), shadow.get(i), out);
            }
            return;
        }
        if (legacy.isNumber() && shadow.isNumber()) {
            if (legacy.decimalValue().compareTo(shadow.decimalValue()) != 0) {
                out.add(difference(path, legacy, shadow));
            }
            return;
        }
        if (!legacy.equals(shadow)) {
            out.add(difference(path, legacy, shadow));
        }
    }

    private Difference difference(String path, JsonNode legacy, JsonNode shadow) {
        return new Difference(path.isEmpty() ? "/" : path, absent(legacy) ? null : legacy,
                absent(shadow) ? null : shadow, COMPARATOR, false, severity);
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** RFC 6901: '~' becomes '~0' and '/' becomes '~1'. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
