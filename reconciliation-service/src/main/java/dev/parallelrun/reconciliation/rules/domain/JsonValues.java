package dev.parallelrun.reconciliation.rules.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Value semantics of JSON trees as the rules see them: absent vs present, numbers by value, canonical text. */
final class JsonValues {

    private JsonValues() {
    }

    /** Absent and an explicit JSON {@code null} are the same thing to a comparison. */
    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The number a node holds, read from a JSON number or a numeric string; {@code null} if it holds none. */
    static BigDecimal decimal(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Deep equality with numbers by value ({@code 1.5} equals {@code 1.50}) and absent fields equal to nulls. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (absent(a) || absent(b)) {
            return absent(a) && absent(b);
        }
        return canonical(a).equals(canonical(b));
    }

    /**
     * A canonical text of a value: object fields sorted, numbers without trailing zeros, nulls dropped
     * from objects. Equal canonical texts mean equal values.
     */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (absent(node)) {
            out.append("null");
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            out.append(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.sort(names);
            out.append('{');
            boolean first = true;
            for (String name : names) {
                if (absent(node.get(name))) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(name)).append(':');
                write(node.get(name), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            out.append(quote(node.asString()));
        } else {
            out.append(node.toString());
        }
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The text a scalar stands for, as mappings and case-insensitive comparison see it. */
    static String text(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        }
        return node.toString();
    }
}
