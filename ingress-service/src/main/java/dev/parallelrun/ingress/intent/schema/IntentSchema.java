package dev.parallelrun.ingress.intent.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.parallelrun.events.IntentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema (draft 2020-12) of one intent type, read from its schema file: which intent type it
 * describes ({@code x-event-type}), the rules an intent's {@code data} must satisfy before the ingress
 * publishes it, and which fields hold personal data ({@code "x-personal-data": true}).
 *
 * <p>{@link #validate} reports every violation at once, each with an RFC 6901 pointer into the body.
 * Besides the schema, every string of every intent (values and property names) must be storable by
 * PostgreSQL, which downstream services store intents in: no {@code \u0000}, no other control character
 * but tab and line breaks, no unpaired surrogate.
 */
public final class IntentSchema {

    private final IntentType type;
    private final String origin;
    private final JsonNode document;
    private final Schema schema;
    private final Set<String> personalDataPaths;
    private final String dataSubjectPath;

    IntentSchema(IntentType type, String origin, JsonNode document, Schema schema, Set<String> personalDataPaths,
            String dataSubjectPath) {
        this.type = Objects.requireNonNull(type, "type");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.document = document.deepCopy();
        this.schema = Objects.requireNonNull(schema, "schema");
        this.personalDataPaths = Set.copyOf(personalDataPaths);
        this.dataSubjectPath = dataSubjectPath;
    }

    /** The intent type the schema describes, from its {@code x-event-type}. */
    public IntentType type() {
        return type;
    }

    /** Where the schema was read from, for messages. */
    public String origin() {
        return origin;
    }

    /** The schema document as written (a copy). */
    public JsonNode document() {
        return document.deepCopy();
    }

    /**
     * The JSON pointers of the body's fields that the schema marks {@code "x-personal-data": true}, e.g.
     * {@code /claimant/email}; a field inside an array is written with {@code *} for the index.
     */
    public Set<String> personalDataPaths() {
        return personalDataPaths;
    }

    /**
     * The JSON pointer of the field that identifies the intent's data subject ({@code "x-data-subject": true},
     * e.g. {@code /claimant/email}); its value derives the subject ref whose key encrypts every personal field.
     * Empty when the intent type has no personal fields.
     */
    public java.util.Optional<String> dataSubjectPath() {
        return java.util.Optional.ofNullable(dataSubjectPath);
    }

    /** Every violation of the schema; empty when the body is valid. */
    public List<Violation> validate(JsonNode data) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(data)) {
            violations.add(violation(error));
        }
        StorableText.check(data, "", violations);
        return violations;
    }

    private static Violation violation(Error error) {
        String location = pointer(error.getInstanceLocation());
        String keyword = Objects.requireNonNullElse(error.getKeyword(), "");
        JsonNode instance = error.getInstanceNode();
        JsonNode value = error.getSchemaNode();
        if (error.isCustomMessage()) {
            return new Violation(location, error.getMessage());
        }
        return switch (keyword) {
            case "required" -> new Violation(child(location, error.getProperty()), "is required");
            case "additionalProperties", "unevaluatedProperties" ->
                    new Violation(child(location, error.getProperty()), "is not a known property");
            case "type" -> new Violation(location, instance == null || instance.isNull()
                    ? "is required"
                    : "must be a JSON " + expectedTypes(value) + ", not " + describe(instance));
            case "minLength" -> new Violation(location, "must be at least " + value.asString() + " characters long");
            case "maxLength" -> new Violation(location, "must be at most " + value.asString() + " characters long");
            case "exclusiveMinimum" -> new Violation(location, "must be greater than " + value.asString());
            case "exclusiveMaximum" -> new Violation(location, "must be less than " + value.asString());
            case "minimum" -> new Violation(location, "must be at least " + value.asString());
            case "maximum" -> new Violation(location, "must be at most " + value.asString());
            case "enum" -> new Violation(location, "must be one of " + value);
            case "const" -> new Violation(location, "must be " + value);
            case "pattern" -> new Violation(location, "must match the pattern " + value.asString());
            case "format" -> new Violation(location, formatMessage(value.asString()));
            default -> new Violation(location, error.getMessage());
        };
    }

    private static String formatMessage(String format) {
        return switch (format) {
            case "date" -> "must be an ISO date (yyyy-MM-dd)";
            case "date-time" -> "must be an RFC 3339 date-time such as 2026-11-02T09:15:30Z";
            case IntentSchemaKeywords.ISO_4217 -> "must be an ISO 4217 currency code such as EUR";
            default -> "must be a valid " + format;
        };
    }

    private static String expectedTypes(JsonNode type) {
        if (type != null && type.isArray()) {
            List<String> names = new ArrayList<>();
            type.values().forEach(name -> names.add(name.asString()));
            return String.join(" or ", names);
        }
        return type == null ? "value of another type" : type.asString();
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The RFC 6901 pointer of a location, each name escaped ({@code ~} and {@code /}). */
    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        if (path == null) {
            return "";
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/').append(element instanceof Integer index ? index.toString() : escape(element.toString()));
        }
        return pointer.toString();
    }

    static String child(String parent, String property) {
        return property == null ? parent : parent + "/" + escape(property);
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Strings downstream databases can store, checked on every string of every intent. */
    static final class StorableText {

        private StorableText() {
        }

        static void check(JsonNode node, String path, List<Violation> violations) {
            if (node == null) {
                return;
            }
            if (node.isString() && !storable(node.stringValue())) {
                violations.add(new Violation(path, "must not contain control characters (other than tab and line "
                        + "breaks) or unpaired surrogates"));
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    String child = child(path, property.getKey());
                    if (!storable(property.getKey())) {
                        violations.add(new Violation(child, "is a property name with control characters or "
                                + "unpaired surrogates"));
                    }
                    check(property.getValue(), child, violations);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), path + "/" + i, violations);
                }
            }
        }

        /**
         * PostgreSQL refuses {@code \u0000} and unpaired surrogates in {@code text} and {@code jsonb}, and no
         * intent needs other control characters.
         */
        static boolean storable(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)
                        || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
