package dev.parallelrun.reconciliation.rules.domain;

import dev.parallelrun.events.Side;
import dev.parallelrun.reconciliation.verdicts.domain.Comparison;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeComparator;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Compares outcomes with the rule set of their bounded context; a context without one is compared
 * with the fallback rule set (every field exact, {@code HIGH}).
 */
public final class RuleBasedComparator implements OutcomeComparator {

    private final Map<String, RuleSet> byContext;
    private final RuleSet fallback;
    private final Redactor redactor;

    /**
     * @throws IllegalArgumentException if two rule sets are for the same context, or a rule set hashes
     *                                  values but the redactor has no key
     */
    public RuleBasedComparator(Collection<RuleSet> ruleSets, RuleSet fallback, Redactor redactor) {
        this.fallback = Objects.requireNonNull(fallback);
        this.redactor = Objects.requireNonNull(redactor);
        Map<String, RuleSet> contexts = new LinkedHashMap<>();
        for (RuleSet ruleSet : ruleSets) {
            RuleSet other = contexts.putIfAbsent(ruleSet.context(), ruleSet);
            if (other != null) {
                throw new IllegalArgumentException("context " + ruleSet.context() + " has two rule sets: "
                        + other.source() + " and " + ruleSet.source() + "; keep one per context");
            }
            if (ruleSet.hashes() && !redactor.canHash()) {
                throw new IllegalArgumentException("rule set " + ruleSet.source() + " redacts with a keyed hash but no "
                        + "redaction key is configured (reconciliation.rules.redaction-key, env RECONCILIATION_REDACTION_KEY)");
            }
        }
        this.byContext = Map.copyOf(contexts);
    }

    @Override
    public Comparison compare(String context, String outcomeType, JsonNode legacy, JsonNode shadow, Instant at) {
        RuleSet ruleSet = ruleSet(context);
        OutcomeRules rules = ruleSet.rulesFor(outcomeType);
        JsonNode legacyNormalized = OutcomeComparison.normalize(rules, Side.LEGACY, legacy);
        JsonNode shadowNormalized = OutcomeComparison.normalize(rules, Side.SHADOW, shadow);
        OutcomeComparison.Result result = OutcomeComparison.compare(rules, legacyNormalized, shadowNormalized, at, redactor);
        return new Comparison(result.classification(), result.severity(), result.differences(), ruleSet.version(),
                redactor.redact(rules.redaction(), legacyNormalized), redactor.redact(rules.redaction(), shadowNormalized));
    }

    @Override
    public JsonNode view(String context, String outcomeType, Side side, JsonNode data) {
        OutcomeRules rules = ruleSet(context).rulesFor(outcomeType);
        return redactor.redact(rules.redaction(), OutcomeComparison.normalize(rules, side, data));
    }

    @Override
    public String ruleSetVersion(String context) {
        return ruleSet(context).version();
    }

    /**
     * The same comparator (fallback, redaction key) with {@code candidate} in place of its context's rule set:
     * what a what-if re-comparison applies, without changing what this comparator decides.
     *
     * @throws IllegalArgumentException if the candidate hashes values but no redaction key is configured
     */
    public RuleBasedComparator with(RuleSet candidate) {
        Map<String, RuleSet> contexts = new LinkedHashMap<>(byContext);
        contexts.put(candidate.context(), candidate);
        return new RuleBasedComparator(contexts.values(), fallback, redactor);
    }

    /** The rule set a context is compared with: its own, or the fallback. */
    public RuleSet ruleSet(String context) {
        return byContext.getOrDefault(context, fallback);
    }

    /** Every rule set in force, the fallback last. */
    public List<RuleSet> ruleSets() {
        return java.util.stream.Stream.concat(byContext.values().stream(), java.util.stream.Stream.of(fallback)).toList();
    }
}
