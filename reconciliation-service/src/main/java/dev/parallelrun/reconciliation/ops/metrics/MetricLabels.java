package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bounds the metric label values taken from event attributes: a context or outcome type no loaded rule
 * set names is folded into {@value #OTHER}, so a misbehaving producer cannot create a time series per
 * value it invents.
 */
public final class MetricLabels {

    /** The label value of every context and outcome type no rule set names. */
    public static final String OTHER = "other";

    private final Set<String> contexts = new HashSet<>();
    private final Set<List<String>> outcomeTypes = new HashSet<>();

    public MetricLabels(Iterable<RuleSet> ruleSets) {
        for (RuleSet ruleSet : ruleSets) {
            contexts.add(ruleSet.context());
            for (String outcomeType : ruleSet.outcomeTypes().keySet()) {
                outcomeTypes.add(List.of(ruleSet.context(), outcomeType));
            }
        }
    }

    /** The context's label value. */
    /** The contexts a rule set names (not the fallback's "*"), sorted. */
    public java.util.List<String> contexts() {
        return contexts.stream().filter(c -> !"*".equals(c)).sorted().toList();
    }

    public String context(String context) {
        return context != null && contexts.contains(context) ? context : OTHER;
    }

    /** The outcome type's label value within its context. */
    public String outcomeType(String context, String outcomeType) {
        return context != null && outcomeType != null && outcomeTypes.contains(List.of(context, outcomeType))
                ? outcomeType : OTHER;
    }
}
