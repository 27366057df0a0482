package dev.parallelrun.ingress.intent.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import dev.parallelrun.events.IntentType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns schema documents into {@link IntentSchema}s: draft 2020-12 with format assertions on, ECMA 262
 * regular expressions (as the specification says {@code pattern} is written), the keywords of
 * {@link IntentSchemaKeywords}, and the annotations {@code x-event-type}, {@code x-personal-data},
 * {@code x-data-subject} and {@code x-messages} (a message per keyword, e.g. {@code {"pattern": "must not be blank"}}).
 *
 * <p>A document is refused when it is not a valid draft 2020-12 schema, declares another dialect, or
 * lacks an {@code x-event-type} of the form {@code <context>.<IntentType>.v<version>}.
 */
public final class IntentSchemaCompiler {

    /** The one dialect intent schemas are written in. */
    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    static final String EVENT_TYPE = "x-event-type";
    static final String PERSONAL_DATA = "x-personal-data";
    static final String DATA_SUBJECT = "x-data-subject";
    static final String MESSAGES = "x-messages";

    private static final Pattern EVENT_TYPE_FORMAT = Pattern.compile("([a-z][a-z0-9-]*)\\.([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]{0,4})");
    /** Deeper than any sensible intent; stops a {@code $ref} cycle while collecting personal paths. */
    private static final int MAX_DEPTH = 32;

    private final SchemaRegistry registry;
    private final Schema metaSchema;

    public IntentSchemaCompiler(Clock clock) {
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new IntentSchemaKeywords.MaxDecimalPlaces())
                .keyword(new IntentSchemaKeywords.NotInFuture(clock))
                .keyword(new AnnotationKeyword(EVENT_TYPE))
                .keyword(new AnnotationKeyword(PERSONAL_DATA))
                .keyword(new AnnotationKeyword(DATA_SUBJECT))
                .keyword(new AnnotationKeyword(MESSAGES))
                .format(new IntentSchemaKeywords.Iso4217())
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .errorMessageKeyword(MESSAGES)
                .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaRegistryConfig(config));
        this.metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));
    }

    /**
     * The intent schema of a document.
     *
     * @param origin where the document was read from, for messages
     * @throws IllegalArgumentException naming the origin when the document is not a usable intent schema
     */
    public IntentSchema compile(String origin, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(origin + ": an intent schema must be a JSON object");
        }
        JsonNode dialect = document.get("$schema");
        if (dialect != null && !DRAFT_2020_12.equals(dialect.asString())) {
            throw new IllegalArgumentException(origin + ": intent schemas are written in draft 2020-12 (\"$schema\": \""
                    + DRAFT_2020_12 + "\"), not " + dialect);
        }
        List<Error> errors = metaSchema.validate(document);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(origin + ": not a valid JSON Schema: " + errors);
        }
        IntentType type = intentType(origin, document.get(EVENT_TYPE));
        Schema schema;
        try {
            schema = registry.getSchema(document);
            schema.initializeValidators();
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        Set<String> personal = new TreeSet<>();
        Set<String> subjects = new TreeSet<>();
        collectPersonalPaths(document, document, "", personal, subjects, 0);
        return new IntentSchema(type, origin, document, schema, personal, dataSubjectPath(origin, personal, subjects));
    }

    private static IntentType intentType(String origin, JsonNode eventType) {
        Matcher matcher = eventType == null || !eventType.isString()
                ? null : EVENT_TYPE_FORMAT.matcher(eventType.stringValue());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException(origin + ": \"" + EVENT_TYPE + "\" must name the CloudEvents type of the "
                    + "intent as <context>.<IntentType>.v<version>, e.g. claims.ClaimSubmitted.v1, not " + eventType);
        }
        try {
            return new IntentType(matcher.group(2), matcher.group(1), Integer.parseInt(matcher.group(3)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one field that identifies the data subject of an intent with personal fields. Personal data without a
     * subject could never be erased, so such a schema is refused, and so is one with several subject fields (whose
     * key would encrypt the rest?), a subject field that is not personal itself, or one inside an array.
     */
    private static String dataSubjectPath(String origin, Set<String> personal, Set<String> subjects) {
        if (personal.isEmpty() && subjects.isEmpty()) {
            return null;
        }
        if (subjects.size() != 1) {
            throw new IllegalArgumentException(origin + ": a schema with personal fields (\"" + PERSONAL_DATA
                    + "\": true) must mark exactly one of them as the data subject's identity (\"" + DATA_SUBJECT
                    + "\": true, e.g. the e-mail address), whose key encrypts them all; found " + subjects.size()
                    + (subjects.isEmpty() ? "" : " " + subjects));
        }
        String subject = subjects.iterator().next();
        if (!personal.contains(subject)) {
            throw new IllegalArgumentException(origin + ": the data subject field " + subject + " must be marked \""
                    + PERSONAL_DATA + "\": true as well");
        }
        if (subject.contains("/*")) {
            throw new IllegalArgumentException(origin + ": the data subject field " + subject
                    + " must not be inside an array: an intent has one data subject");
        }
        return subject;
    }

    /** Follows {@code properties}, {@code items}, the combinators and local {@code $ref}s. */
    private static void collectPersonalPaths(JsonNode root, JsonNode schema, String path, Set<String> paths,
            Set<String> subjects, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return;
        }
        if (schema.path(PERSONAL_DATA).asBoolean(false)) {
            paths.add(path);
        }
        if (schema.path(DATA_SUBJECT).asBoolean(false)) {
            subjects.add(path);
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && ref.stringValue().startsWith("#/")) {
            collectPersonalPaths(root, root.at(ref.stringValue().substring(1)), path, paths, subjects, depth + 1);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                collectPersonalPaths(root, property.getValue(), IntentSchema.child(path, property.getKey()), paths,
                        subjects, depth + 1);
            }
        }
        collectPersonalPaths(root, schema.get("items"), path + "/*", paths, subjects, depth + 1);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode branches = schema.get(combinator);
            if (branches != null && branches.isArray()) {
                branches.values().forEach(branch -> collectPersonalPaths(root, branch, path, paths, subjects, depth + 1));
            }
        }
    }
}
