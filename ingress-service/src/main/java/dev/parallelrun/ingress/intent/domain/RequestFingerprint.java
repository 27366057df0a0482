package dev.parallelrun.ingress.intent.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an idempotent retry is compared by: the SHA-256 of the intent type and the canonical form of
 * the request body. Two bodies that differ only in whitespace, property order or the spelling of a
 * number ({@code 10.5} / {@code 10.50} / {@code 1.05e1}) are the same request; anything else is a
 * different one.
 *
 * <p>The canonical form is JSON with object properties sorted by name (UTF-16 code unit order, as
 * RFC 8785 does), no insignificant whitespace, numbers in plain notation without trailing zeros, and
 * strings escaped minimally.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The lower-case hex SHA-256 of {@code intentType} and the canonical body. */
    public static String of(String intentType, JsonNode body) {
        MessageDigest sha256 = sha256();
        sha256.update(intentType.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(canonical(body).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The canonical JSON text of a tree. */
    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
                properties.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < properties.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(properties.get(i).getKey(), out);
                    out.append(':');
                    write(properties.get(i).getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.stringValue(), out);
            case NUMBER -> out.append(number(node.decimalValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
