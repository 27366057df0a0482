package dev.parallelrun.reconciliation.rules.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The comparison rules of one bounded context, as loaded from one file.
 *
 * @param version         what verdicts record: the declared version and the content hash,
 *                        e.g. {@code claims-3@sha256:ab12cd34}
 * @param declaredVersion the {@code version} the file declares
 * @param contentSha256   SHA-256 of the file's bytes, hex
 * @param source          where it was loaded from (file or resource name)
 * @param content         the file's text, as loaded
 * @param definition      the file's content as a JSON tree
 * @param window          the matching window of the context, {@code null} if the file sets none
 * @param grace           the late grace of the context, {@code null} if the file sets none
 * @param outcomeTypes    the rules per outcome type
 * @param otherOutcomes   the rules for outcome types the file does not list
 * @param readiness       the readiness targets (the file's {@code readiness:} section, or the defaults)
 */
public record RuleSet(String context, String version, String declaredVersion, String contentSha256, String source,
        String description, String content, JsonNode definition, Duration window, Duration grace,
        Map<String, OutcomeRules> outcomeTypes, OutcomeRules otherOutcomes, ReadinessTargets readiness) {

    public RuleSet {
        outcomeTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomeTypes));
        readiness = readiness == null ? ReadinessTargets.DEFAULTS : readiness;
    }

    /** A rule set with the default readiness targets. */
    public RuleSet(String context, String version, String declaredVersion, String contentSha256, String source,
            String description, String content, JsonNode definition, Duration window, Duration grace,
            Map<String, OutcomeRules> outcomeTypes, OutcomeRules otherOutcomes) {
        this(context, version, declaredVersion, contentSha256, source, description, content, definition, window, grace,
                outcomeTypes, otherOutcomes, ReadinessTargets.DEFAULTS);
    }

    /** Every accepted variance of the rule set, by id. */
    public Map<String, AcceptedVariance> variances() {
        Map<String, AcceptedVariance> byId = new java.util.LinkedHashMap<>();
        allRules().forEach(rules -> rules.variances().forEach(v -> byId.put(v.id(), v)));
        return byId;
    }

    public OutcomeRules rulesFor(String outcomeType) {
        return outcomeTypes.getOrDefault(outcomeType, otherOutcomes);
    }

    /** Whether a rule of this set hashes values, which needs a configured redaction key. */
    public boolean hashes() {
        return allRules().stream().flatMap(rules -> rules.redaction().stream())
                .anyMatch(rule -> rule.action() == RedactionRule.Action.HASH);
    }

    private List<OutcomeRules> allRules() {
        return java.util.stream.Stream.concat(outcomeTypes.values().stream(), java.util.stream.Stream.of(otherOutcomes)).toList();
    }
}
