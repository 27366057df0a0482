package dev.parallelrun.reconciliation.rules.domain;

import dev.parallelrun.reconciliation.verdicts.domain.MatchRateTarget;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The match rate each context and outcome type must reach, in one place for the match-rate API, its gauge and
 * readiness: the outcome type's target in the context's rule set ({@code readiness.targets}) when it has one, else
 * the context's configured target ({@code reconciliation.metrics.match-rate.targets.<context>}), else the configured
 * default ({@code reconciliation.metrics.match-rate.target}).
 */
public final class MatchRateTargets implements MatchRateTarget {

    private final Map<String, RuleSet> ruleSets = new LinkedHashMap<>();
    private final double defaultTarget;
    private final Map<String, Double> contextTargets;

    /**
     * @param ruleSets       the rule sets in force (a wildcard context, the fallback's, is left out)
     * @param defaultTarget  the configured target of a context without one of its own
     * @param contextTargets configured targets per context
     */
    public MatchRateTargets(Collection<RuleSet> ruleSets, double defaultTarget, Map<String, Double> contextTargets) {
        for (RuleSet ruleSet : ruleSets) {
            if (!"*".equals(ruleSet.context())) {
                this.ruleSets.put(ruleSet.context(), ruleSet);
            }
        }
        this.defaultTarget = defaultTarget;
        this.contextTargets = Map.copyOf(contextTargets);
    }

    /** The target of the context and outcome type ({@code null}: the context's configured target). */
    @Override
    public double targetOf(String context, String outcomeType) {
        RuleSet ruleSet = ruleSets.get(context);
        if (ruleSet != null && outcomeType != null) {
            var own = ruleSet.readiness().targetOf(outcomeType);
            if (own.isPresent()) {
                return own.get().doubleValue();
            }
        }
        return contextTargets.getOrDefault(context, defaultTarget);
    }

    /** The outcome types a context's rule set knows, its readiness targets' first, in the file's order. */
    public List<String> outcomeTypesOf(String context) {
        RuleSet ruleSet = ruleSets.get(context);
        if (ruleSet == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>(ruleSet.readiness().targets().keySet());
        types.addAll(ruleSet.outcomeTypes().keySet());
        return List.copyOf(types);
    }

    /** The contexts with a rule set of their own, and those with a configured target. */
    public Set<String> contexts() {
        Set<String> contexts = new LinkedHashSet<>(ruleSets.keySet());
        contexts.addAll(contextTargets.keySet());
        return contexts;
    }
}
