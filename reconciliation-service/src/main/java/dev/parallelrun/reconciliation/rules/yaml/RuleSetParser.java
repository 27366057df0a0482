package dev.parallelrun.reconciliation.rules.yaml;

import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.rules.domain.AcceptedVariance;
import dev.parallelrun.reconciliation.rules.domain.ComparatorKind;
import dev.parallelrun.reconciliation.rules.domain.FieldRule;
import dev.parallelrun.reconciliation.rules.domain.OutcomeRules;
import dev.parallelrun.reconciliation.rules.domain.PathPattern;
import dev.parallelrun.reconciliation.rules.domain.ReadinessTargets;
import dev.parallelrun.reconciliation.rules.domain.RedactionRule;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.domain.RuleSetException;
import dev.parallelrun.reconciliation.rules.domain.ValueComparator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates a rule set file (YAML, see docs/rules.md). Every mistake is reported with the
 * file, the rule it is in and what is wrong, so that a bad file stops start-up with a message that
 * says where to look.
 */
public final class RuleSetParser {

    /** The built-in rule set for contexts without one of their own. */
    public static final String FALLBACK_SOURCE = "built-in:fallback";
    static final String FALLBACK = """
            context: "*"
            version: fallback-1
            description: Built-in rules for a context without a rule set of its own. Every field exact, HIGH.
            default: {comparator: exact, severity: HIGH}
            """;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String source;

    private RuleSetParser(String source) {
        this.source = source;
    }

    /**
     * @param source  the file or resource name, for messages and the record
     * @param content the file's bytes (UTF-8)
     * @throws RuleSetException naming the file, the rule and the problem
     */
    public static RuleSet parse(String source, byte[] content) {
        return new RuleSetParser(source).read(content);
    }

    /** The built-in fallback rule set. */
    public static RuleSet fallback() {
        return parse(FALLBACK_SOURCE, FALLBACK.getBytes(StandardCharsets.UTF_8));
    }

    private RuleSet read(byte[] content) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JacksonException e) {
            throw new RuleSetException(source, "the file", "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RuleSetException(source, "the file", "is empty");
        }
        Section top = new Section(root, "top level");
        top.allowOnly("context", "version", "description", "correlation", "default", "redaction", "outcomeTypes",
                "readiness");
        String context = top.requiredName("context");
        String declared = top.requiredName("version");
        String description = top.optionalText("description");
        Duration window = null;
        Duration grace = null;
        if (top.has("correlation")) {
            Section correlation = top.section("correlation", "correlation");
            correlation.allowOnly("window", "grace");
            window = correlation.optionalDuration("window", false);
            grace = correlation.optionalDuration("grace", true);
        }
        FieldRule contextDefault = top.has("default")
                ? defaultRule(top.section("default", "default"), FieldRule.defaultRule("default"))
                : FieldRule.defaultRule("default");
        List<RedactionRule> contextRedaction = redaction(top, "redaction");
        Map<String, OutcomeRules> outcomeTypes = new LinkedHashMap<>();
        Set<String> varianceIds = new java.util.HashSet<>();
        if (top.has("outcomeTypes")) {
            Section types = top.section("outcomeTypes", "outcomeTypes");
            for (String name : types.node.propertyNames()) {
                String where = "outcomeTypes." + name;
                if (!NAME.matcher(name).matches()) {
                    throw new RuleSetException(source, where, "'" + name + "' is not an outcome type name");
                }
                outcomeTypes.put(name, outcomeRules(name, types.section(name, where), contextDefault, contextRedaction,
                        varianceIds));
            }
        }
        ReadinessTargets readiness = top.has("readiness")
                ? readiness(top.section("readiness", "readiness"))
                : ReadinessTargets.DEFAULTS;
        String sha256 = sha256(content);
        OutcomeRules other = new OutcomeRules("*", contextDefault, List.of(), List.of(), contextRedaction);
        return new RuleSet(context, declared + "@sha256:" + sha256.substring(0, 8), declared, sha256, source, description,
                new String(content, StandardCharsets.UTF_8), root, window, grace, outcomeTypes, other, readiness);
    }

    /** The {@code readiness:} section; what it leaves out keeps its default ({@link ReadinessTargets#DEFAULTS}). */
    private ReadinessTargets readiness(Section section) {
        section.allowOnly("evaluationWindow", "minimumVolume", "sustainedHours", "cohortMinimumVolume", "targets",
                "latencyFactor");
        ReadinessTargets defaults = ReadinessTargets.DEFAULTS;
        Duration window = section.optionalDuration("evaluationWindow", false);
        long minimumVolume = section.optionalCount("minimumVolume", defaults.minimumVolume(), Integer.MAX_VALUE);
        // at most a month of hours: the hourly query is bounded by it
        long sustainedHours = section.optionalCount("sustainedHours", defaults.sustainedHours(), 24 * 31);
        long cohortMinimumVolume = section.optionalCount("cohortMinimumVolume", defaults.cohortMinimumVolume(),
                Integer.MAX_VALUE);
        Map<String, BigDecimal> targets = new LinkedHashMap<>();
        if (section.has("targets")) {
            Section listed = section.section("targets", "readiness.targets");
            for (String outcomeType : listed.node.propertyNames()) {
                if (!NAME.matcher(outcomeType).matches()) {
                    throw new RuleSetException(source, "readiness.targets", "'" + outcomeType + "' is not an outcome type name");
                }
                JsonNode value = listed.node.get(outcomeType);
                if (value == null || !value.isNumber() || value.decimalValue().signum() < 0
                        || value.decimalValue().compareTo(BigDecimal.ONE) > 0) {
                    throw new RuleSetException(source, "readiness.targets." + outcomeType,
                            "a target is a match rate between 0 and 1 (e.g. 0.98), not " + value);
                }
                targets.put(outcomeType, value.decimalValue());
            }
        }
        BigDecimal latencyFactor = null;
        if (section.has("latencyFactor")) {
            JsonNode value = section.node.get("latencyFactor");
            latencyFactor = positiveDecimal(value);
            if (latencyFactor == null) {
                throw new RuleSetException(source, "readiness.latencyFactor",
                        "a latency factor is a positive number (e.g. 1.5: the new service's p99 at most 1.5 x legacy's), not "
                        + value);
            }
        }
        return new ReadinessTargets(window == null ? defaults.evaluationWindow() : window, minimumVolume,
                (int) sustainedHours, cohortMinimumVolume, targets, latencyFactor);
    }

    /** The value as a positive decimal, or null when it is not a (finite) number above zero. */
    private static BigDecimal positiveDecimal(JsonNode value) {
        if (!value.isNumber()) {
            return null;
        }
        try {
            BigDecimal decimal = value.decimalValue();
            return decimal.signum() > 0 ? decimal : null;
        } catch (NumberFormatException e) {
            return null; // .inf, .nan
        }
    }

    private OutcomeRules outcomeRules(String name, Section type, FieldRule contextDefault,
            List<RedactionRule> contextRedaction, Set<String> varianceIds) {
        type.allowOnly("default", "fields", "variances", "redaction");
        FieldRule defaultRule = type.has("default")
                ? defaultRule(type.section("default", type.where + ".default"), contextDefault)
                : contextDefault;
        List<FieldRule> fields = new ArrayList<>();
        Map<PathPattern, String> seen = new HashMap<>();
        List<Section> items = type.list("fields");
        for (int i = 0; i < items.size(); i++) {
            Section item = items.get(i);
            String where = type.where + ".fields[" + i + "]";
            String path = item.node.has("path") && item.node.get("path").isString() ? item.node.get("path").asString() : null;
            Section rule = new Section(item.node, path == null ? where : where + " (" + path + ")");
            FieldRule fieldRule = fieldRule(rule, defaultRule.severity());
            String earlier = seen.putIfAbsent(fieldRule.path(), where);
            if (earlier != null) {
                throw new RuleSetException(source, rule.where, "path " + path + " already has a rule (" + earlier
                        + "); write one rule per path");
            }
            fields.add(fieldRule);
        }
        List<AcceptedVariance> variances = new ArrayList<>();
        List<Section> varianceItems = type.list("variances");
        for (int i = 0; i < varianceItems.size(); i++) {
            Section item = varianceItems.get(i);
            String where = type.where + ".variances[" + i + "]";
            String id = item.node.has("id") && item.node.get("id").isString() ? item.node.get("id").asString() : null;
            AcceptedVariance variance = variance(new Section(item.node, id == null ? where : where + " (" + id + ")"));
            if (!varianceIds.add(variance.id())) {
                throw new RuleSetException(source, where + " (" + id + ")", "variance id " + id
                        + " is used twice; ids must be unique in a rule set");
            }
            variances.add(variance);
        }
        List<RedactionRule> redaction = new ArrayList<>(contextRedaction);
        redaction.addAll(redaction(type, "redaction"));
        return new OutcomeRules(name, defaultRule, fields, variances, redaction);
    }

    private FieldRule defaultRule(Section rule, FieldRule inherited) {
        rule.allowOnly("comparator", "severity");
        String comparator = rule.has("comparator") ? rule.requiredText("comparator") : inherited.comparator().name();
        ComparatorKind kind = kind(rule, comparator);
        if (!kind.usableAsDefault()) {
            // the comparators usableAsDefault(), as the message has always named them
            throw new RuleSetException(source, rule.where, "a default rule is exact, presence or ignore; '" + comparator
                    + "' needs a path of its own");
        }
        ValueComparator value = kind.build(rule);
        Severity severity = rule.has("severity") ? severity(rule) : inherited.severity();
        return new FieldRule(null, value, severity, Map.of(), Map.of(), rule.where);
    }

    private FieldRule fieldRule(Section rule, Severity defaultSeverity) {
        String comparatorName = rule.requiredText("comparator");
        ComparatorKind kind = kind(rule, comparatorName);
        Set<String> allowed = new java.util.LinkedHashSet<>(List.of("path", "comparator", "severity", "map"));
        allowed.addAll(kind.options());
        for (String key : rule.node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new RuleSetException(source, rule.where, ComparatorKind.isOptionOfAny(key)
                        ? "option '" + key + "' does not apply to comparator " + comparatorName
                        + (kind.options().isEmpty() ? " (it takes no options)"
                        : " (its options: " + String.join(", ", kind.options()) + ")")
                        : "unknown key '" + key + "'; a field rule has: " + String.join(", ", allowed));
            }
        }
        PathPattern path = rule.requiredPath("path");
        ValueComparator comparator = kind.build(rule);
        if (!kind.takesSeverity() && rule.has("severity")) {
            throw new RuleSetException(source, rule.where, "severity has no meaning for comparator " + comparatorName);
        }
        Severity severity = rule.has("severity") ? severity(rule) : defaultSeverity;
        Map<String, JsonNode> legacyMap = Map.of();
        Map<String, JsonNode> shadowMap = Map.of();
        if (rule.has("map")) {
            if (!kind.takesMap()) {
                throw new RuleSetException(source, rule.where, "map has no effect with comparator " + comparatorName);
            }
            Section map = rule.section("map", rule.where + ".map");
            map.allowOnly("legacy", "shadow", "both");
            Map<String, JsonNode> both = mapping(map, "both");
            legacyMap = merged(map, both, mapping(map, "legacy"));
            shadowMap = merged(map, both, mapping(map, "shadow"));
            if (legacyMap.isEmpty() && shadowMap.isEmpty()) {
                throw new RuleSetException(source, map.where, "maps nothing: give legacy, shadow or both a value mapping");
            }
        }
        return new FieldRule(path, comparator, severity, legacyMap, shadowMap, rule.where);
    }

    private ComparatorKind kind(Section rule, String name) {
        return ComparatorKind.named(name).orElseThrow(() -> new RuleSetException(source, rule.where,
                "unknown comparator '" + name + "'; known: " + String.join(", ", ComparatorKind.names())));
    }

    private Severity severity(Section rule) {
        String text = rule.requiredText("severity");
        try {
            Severity severity = Severity.valueOf(text);
            if (severity != Severity.NONE) {
                return severity;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new RuleSetException(source, rule.where, "unknown severity '" + text + "'; use LOW, MEDIUM, HIGH or CRITICAL");
    }

    private Map<String, JsonNode> mapping(Section map, String side) {
        if (!map.has(side)) {
            return Map.of();
        }
        JsonNode values = map.node.get(side);
        if (!values.isObject()) {
            throw new RuleSetException(source, map.where, side + " must map values to values, e.g. {A3: APPROVED}");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String from : values.propertyNames()) {
            JsonNode to = values.get(from);
            if (to.isContainer()) {
                throw new RuleSetException(source, map.where, side + " maps '" + from + "' to an object or list; map to a value");
            }
            out.put(from, to);
        }
        return out;
    }

    private Map<String, JsonNode> merged(Section map, Map<String, JsonNode> both, Map<String, JsonNode> side) {
        Map<String, JsonNode> out = new LinkedHashMap<>(both);
        for (String key : side.keySet()) {
            if (out.containsKey(key)) {
                throw new RuleSetException(source, map.where, "'" + key + "' is mapped in both and in a side's mapping; map it once");
            }
        }
        out.putAll(side);
        return out;
    }

    private AcceptedVariance variance(Section variance) {
        variance.allowOnly("id", "paths", "when", "reason", "reference", "expires");
        String id = variance.requiredName("id");
        if (!variance.has("paths") || !variance.node.get("paths").isArray() || variance.node.get("paths").isEmpty()) {
            throw new RuleSetException(source, variance.where, "paths is required: the JSON Pointers the variance covers, e.g. paths: [/riskReasons]");
        }
        List<PathPattern> paths = new ArrayList<>();
        for (JsonNode path : variance.node.get("paths")) {
            paths.add(pointer(variance, "paths", path));
        }
        String reason = variance.requiredText("reason");
        String reference = variance.requiredText("reference");
        Instant expires = null;
        if (variance.has("expires")) {
            expires = expiry(variance, variance.requiredText("expires"));
        }
        List<AcceptedVariance.Condition> conditions = new ArrayList<>();
        List<Section> when = variance.list("when");
        for (int i = 0; i < when.size(); i++) {
            conditions.add(condition(new Section(when.get(i).node, variance.where + ".when[" + i + "]")));
        }
        return new AcceptedVariance(id, paths, conditions, reason, reference, expires);
    }

    private Instant expiry(Section variance, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new RuleSetException(source, variance.where, "expires '" + text
                        + "' is neither a date (2027-06-30) nor an instant (2027-06-30T12:00:00Z)");
            }
        }
        if (date.equals(LocalDate.MAX)) {
            // a variance expires at the end of its day, and this day has no end
            throw new RuleSetException(source, variance.where, "expires '" + text + "' is the last date there is; give an earlier one");
        }
        return date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private AcceptedVariance.Condition condition(Section condition) {
        condition.allowOnly("path", "side", "equals", "in", "present", "agree");
        PathPattern path = condition.requiredPath("path");
        if (path.hasWildcard()) {
            throw new RuleSetException(source, condition.where, "a condition's path must not contain '*'");
        }
        AcceptedVariance.Condition.ConditionSide side = AcceptedVariance.Condition.ConditionSide.BOTH;
        if (condition.has("side")) {
            side = condition.requiredEnum("side", AcceptedVariance.Condition.ConditionSide.class);
        }
        List<String> tests = new ArrayList<>();
        for (String test : List.of("equals", "in", "present", "agree")) {
            if (condition.has(test)) {
                tests.add(test);
            }
        }
        if (tests.size() != 1) {
            throw new RuleSetException(source, condition.where, "a condition tests one thing: give exactly one of "
                    + "equals, in, present, agree" + (tests.isEmpty() ? "" : " (found " + String.join(", ", tests) + ")"));
        }
        JsonNode operand = condition.node.get(tests.get(0));
        return switch (tests.get(0)) {
            case "equals" -> {
                if (operand.isContainer()) {
                    throw new RuleSetException(source, condition.where, "equals takes a value, not an object or list");
                }
                yield new AcceptedVariance.Condition(path, side, AcceptedVariance.Condition.Test.EQUALS, List.of(operand), false);
            }
            case "in" -> {
                if (!operand.isArray() || operand.isEmpty()) {
                    throw new RuleSetException(source, condition.where, "in takes a non-empty list of values");
                }
                List<JsonNode> values = new ArrayList<>();
                operand.forEach(values::add);
                yield new AcceptedVariance.Condition(path, side, AcceptedVariance.Condition.Test.IN, values, false);
            }
            case "present" -> new AcceptedVariance.Condition(path, side, AcceptedVariance.Condition.Test.PRESENT, List.of(),
                    condition.requiredBoolean("present"));
            default -> {
                if (condition.has("side")) {
                    throw new RuleSetException(source, condition.where, "agree compares both sides; it takes no side");
                }
                yield new AcceptedVariance.Condition(path, side, AcceptedVariance.Condition.Test.AGREE, List.of(),
                        condition.requiredBoolean("agree"));
            }
        };
    }

    private List<RedactionRule> redaction(Section parent, String key) {
        List<RedactionRule> out = new ArrayList<>();
        List<Section> items = parent.list(key);
        String base = parent.where.equals("top level") ? key : parent.where + "." + key;
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = items.get(i).node;
            String path = node.has("path") && node.get("path").isString() ? node.get("path").asString() : null;
            Section item = new Section(node, base + "[" + i + "]" + (path == null ? "" : " (" + path + ")"));
            item.allowOnly("path", "action");
            out.add(new RedactionRule(item.requiredPath("path"), item.requiredEnum("action", RedactionRule.Action.class),
                    item.where));
        }
        return out;
    }

    private PathPattern pointer(Section section, String key, JsonNode value) {
        if (!value.isString()) {
            throw new RuleSetException(source, section.where, key + " must be a JSON Pointer such as /amount, not " + value);
        }
        try {
            return PathPattern.parse(value.asString());
        } catch (IllegalArgumentException e) {
            throw new RuleSetException(source, section.where, key + ": " + e.getMessage());
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT30S}). */
    static Duration duration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }

    /** One mapping of the file and where it is, for messages; a field rule's options as the comparator catalog reads them. */
    private final class Section implements ComparatorKind.Options {
        private final JsonNode node;
        private final String where;

        Section(JsonNode node, String where) {
            if (node == null || !node.isObject()) {
                throw new RuleSetException(source, where, "must be a mapping of keys to values, not " + describe(node));
            }
            this.node = node;
            this.where = where;
        }

        @Override
        public boolean has(String key) {
            return node.has(key) && !node.get(key).isNull();
        }

        @Override
        public JsonNode value(String option) {
            return node.get(option);
        }

        @Override
        public BigDecimal nonNegative(String option) {
            return optionalNonNegative(option);
        }

        @Override
        public boolean bool(String option) {
            return requiredBoolean(option);
        }

        @Override
        public <E extends Enum<E>> E enumValue(String option, Class<E> type) {
            return requiredEnum(option, type);
        }

        @Override
        public Duration duration(String option, boolean zeroAllowed) {
            return optionalDuration(option, zeroAllowed);
        }

        @Override
        public PathPattern pointer(String option, JsonNode value) {
            return RuleSetParser.this.pointer(this, option, value);
        }

        @Override
        public RuntimeException invalid(String problem) {
            return new RuleSetException(source, where, problem);
        }

        void allowOnly(String... keys) {
            List<String> allowed = List.of(keys);
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    throw new RuleSetException(source, where, "unknown key '" + key + "'; expected one of: "
                            + String.join(", ", allowed));
                }
            }
        }

        Section section(String key, String childWhere) {
            return new Section(node.get(key), childWhere);
        }

        List<Section> list(String key) {
            if (!has(key)) {
                return List.of();
            }
            JsonNode value = node.get(key);
            String at = where.equals("top level") ? key : where + "." + key;
            if (!value.isArray()) {
                throw new RuleSetException(source, at, "must be a list (each item starting with '-')");
            }
            List<Section> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                out.add(new Section(value.get(i), at + "[" + i + "]"));
            }
            return out;
        }

        String requiredText(String key) {
            if (!has(key)) {
                throw new RuleSetException(source, where, "'" + key + "' is required");
            }
            JsonNode value = node.get(key);
            if (value.isContainer() || value.asString().isBlank()) {
                throw new RuleSetException(source, where, "'" + key + "' must be a non-blank text");
            }
            return value.asString().trim();
        }

        String optionalText(String key) {
            return has(key) ? requiredText(key) : null;
        }

        String requiredName(String key) {
            String value = requiredText(key);
            if (!NAME.matcher(value).matches() && !(key.equals("context") && source.equals(FALLBACK_SOURCE))) {
                throw new RuleSetException(source, where, "'" + key + "' " + value
                        + " may only contain letters, digits, '.', '_' and '-'");
            }
            return value;
        }

        boolean requiredBoolean(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isBoolean()) {
                throw new RuleSetException(source, where, "'" + key + "' must be true or false");
            }
            return value.asBoolean();
        }

        <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
            String text = requiredText(key);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw new RuleSetException(source, where, "unknown " + key + " '" + text + "'; use " + String.join(", ", names));
        }

        PathPattern requiredPath(String key) {
            if (!has(key)) {
                throw new RuleSetException(source, where, "'" + key + "' is required (a JSON Pointer such as /amount)");
            }
            return RuleSetParser.this.pointer(this, key, node.get(key));
        }

        BigDecimal optionalNonNegative(String key) {
            if (!has(key)) {
                return null;
            }
            JsonNode value = node.get(key);
            if (!value.isNumber()) {
                throw new RuleSetException(source, where, key + " must be a number, not " + value);
            }
            if (value.decimalValue().signum() < 0) {
                throw new RuleSetException(source, where, key + " must not be negative");
            }
            return value.decimalValue();
        }

        /** A whole number from 0 to {@code max}, or the default when the key is absent. */
        long optionalCount(String key, long defaultValue, long max) {
            if (!has(key)) {
                return defaultValue;
            }
            JsonNode value = node.get(key);
            if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0
                    || value.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) > 0) {
                throw new RuleSetException(source, where, key + " must be a whole number from 0 to " + max + ", not " + value);
            }
            return value.longValue();
        }

        Duration optionalDuration(String key, boolean zeroAllowed) {
            if (!has(key)) {
                return null;
            }
            String text = node.get(key).asString();
            Duration duration;
            try {
                duration = RuleSetParser.duration(text);
            } catch (DateTimeParseException e) {
                throw new RuleSetException(source, where, key + " '" + text + "' is not a duration; write e.g. 30s, 5m, 1h or PT30S");
            } catch (NumberFormatException | ArithmeticException e) {
                // 99999999999999999999s does not fit a long, 999999999999999d not a Duration
                throw new RuleSetException(source, where, key + " '" + text + "' is too long a duration");
            }
            if (duration.isNegative() || !zeroAllowed && duration.isZero()) {
                throw new RuleSetException(source, where, key + " must be " + (zeroAllowed ? "zero or positive" : "positive"));
            }
            return duration;
        }

        private String describe(JsonNode value) {
            if (value == null || value.isNull()) {
                return "nothing";
            }
            return value.isArray() ? "a list" : "the value " + value;
        }
    }
}
