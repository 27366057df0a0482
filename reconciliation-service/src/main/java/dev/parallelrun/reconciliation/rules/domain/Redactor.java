package dev.parallelrun.reconciliation.rules.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Applies redaction rules to outcomes and to the values a difference reports, with one configured hash key. */
public final class Redactor {

    public static final String MASK = "***";
    static final String HASH_PREFIX = "hmac-sha256:";
    /** Keys shorter than this are refused: a short key makes the hash guessable by brute force. */
    public static final int MIN_KEY_LENGTH = 16;

    private final byte[] key;

    /** @param key the keyed-hash key; {@code null} when no rule set hashes */
    public Redactor(String key) {
        if (key != null && key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the redaction key must have at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    boolean canHash() {
        return key != null;
    }

    /** A redacted copy of a whole outcome; the original is untouched. */
    JsonNode redact(List<RedactionRule> rules, JsonNode document) {
        if (document == null || rules.isEmpty()) {
            return document;
        }
        return redactBelow(rules, List.of(), document.deepCopy());
    }

    /**
     * The value found at {@code path} as a difference may show it: replaced when a rule addresses the
     * path or an ancestor (a dropped value shows as the mask: a difference cannot show it absent
     * without lying about it), redacted inside otherwise.
     */
    JsonNode redactAt(List<RedactionRule> rules, List<String> path, JsonNode value) {
        if (JsonValues.absent(value) || rules.isEmpty()) {
            return value;
        }
        for (RedactionRule rule : rules) {
            if (rule.path().matchesPrefixOf(path)) {
                return rule.action() == RedactionRule.Action.HASH ? hash(value) : mask();
            }
        }
        return redactBelow(rules, path, value.deepCopy());
    }

    private JsonNode redactBelow(List<RedactionRule> rules, List<String> path, JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                List<String> child = append(path, name);
                RedactionRule rule = ruleFor(rules, child);
                if (rule == null) {
                    if (couldMatchBelow(rules, child)) {
                        object.set(name, redactBelow(rules, child, object.get(name)));
                    }
                } else if (rule.action() == RedactionRule.Action.DROP) {
                    object.remove(name);
                } else if (!JsonValues.absent(object.get(name))) {
                    object.set(name, apply(rule, object.get(name)));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                List<String> child = append(path, Integer.toString(i));
                RedactionRule rule = ruleFor(rules, child);
                if (rule == null) {
                    if (couldMatchBelow(rules, child)) {
                        array.set(i, redactBelow(rules, child, array.get(i)));
                    }
                } else if (rule.action() == RedactionRule.Action.DROP) {
                    array.remove(i);
                } else if (!JsonValues.absent(array.get(i))) {
                    array.set(i, apply(rule, array.get(i)));
                }
            }
        }
        return node;
    }

    private JsonNode apply(RedactionRule rule, JsonNode value) {
        return rule.action() == RedactionRule.Action.HASH ? hash(value) : mask();
    }

    private static RedactionRule ruleFor(List<RedactionRule> rules, List<String> path) {
        for (RedactionRule rule : rules) {
            if (rule.path().matches(path)) {
                return rule;
            }
        }
        return null;
    }

    private static boolean couldMatchBelow(List<RedactionRule> rules, List<String> path) {
        return rules.stream().anyMatch(rule -> rule.path().couldMatchBelow(path));
    }

    private static JsonNode mask() {
        return JsonNodeFactory.instance.stringNode(MASK);
    }

    private JsonNode hash(JsonNode value) {
        if (key == null) {
            throw new IllegalStateException("a rule asks for a keyed hash but no redaction key is configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String text = value.isString() ? value.asString() : JsonValues.canonical(value);
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return JsonNodeFactory.instance.stringNode(HASH_PREFIX + HexFormat.of().formatHex(digest, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(segment);
        return out;
    }
}
