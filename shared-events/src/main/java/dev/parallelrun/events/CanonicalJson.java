package dev.parallelrun.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The one textual form of a JSON value that a digest is taken over, so that the same content always hashes the
 * same whatever produced it (a database's jsonb, another JSON library, a person's pretty-printer):
 *
 * <ul>
 *   <li>object members sorted by key (by UTF-16 code unit, i.e. {@link String#compareTo}), each key once;</li>
 *   <li>no whitespace outside strings;</li>
 *   <li>numbers as plain decimals: no exponent, no trailing fractional zeros, no {@code +}, no leading zeros
 *       ({@code 1.50 -> 1.5}, {@code 1.0 -> 1}, {@code 1E+3 -> 1000}, {@code -0.0 -> 0}); NaN and infinities are
 *       refused;</li>
 *   <li>strings in double quotes with {@code "} and {@code \} escaped by a backslash, the control characters
 *       backspace, form feed, newline, carriage return and tab as {@code \b \f \n \r \t}, every other character
 *       below U+0020 as {@code \}{@code u00xx} (lowercase hex), everything else as itself;</li>
 *   <li>{@code true}, {@code false}, {@code null} as such; the text is encoded as UTF-8 for hashing.</li>
 * </ul>
 *
 * <p>Used for the ingress's request fingerprints (idempotency) and the evidence pack's digest.
 *
 * <p>Times are not a JSON type: the evidence pack writes every instant as an ISO-8601 UTC string
 * ({@link java.time.Instant#toString()}, e.g. {@code 2026-11-02T10:00:00Z}), and the canonical form keeps strings
 * as they are. This is RFC 8785 (JCS) except for numbers, which JCS writes as ECMAScript doubles.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical text of a JSON value. */
    public static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            int i = 0;
            for (JsonNode element : value.values()) {
                if (i++ > 0) {
                    out.append(',');
                }
                write(element, out);
            }
            out.append(']');
        } else if (value.isString()) {
            string(value.asString(), out);
        } else if (value.isNumber()) {
            out.append(number(value));
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
        }
    }

    private static String number(JsonNode value) {
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("a canonical number is finite: " + d);
            }
        }
        BigDecimal decimal = value.decimalValue();
        if (decimal.signum() == 0) {
            return "0";
        }
        return decimal.stripTrailingZeros().toPlainString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
