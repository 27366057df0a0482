package dev.parallelrun.reconciliation.rules.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one outcome type: field rules, the default rule for fields no rule addresses,
 * accepted variances and redaction (the rule set's context-wide redaction included).
 */
public record OutcomeRules(String outcomeType, FieldRule defaultRule, List<FieldRule> fields,
        List<AcceptedVariance> variances, List<RedactionRule> redaction) {

    public OutcomeRules {
        fields = List.copyOf(fields);
        variances = List.copyOf(variances);
        redaction = List.copyOf(redaction);
    }

    /** The rule written for exactly this path: the most specific of those matching it, if any. */
    Optional<FieldRule> ruleFor(List<String> path) {
        return fields.stream().filter(rule -> rule.path().matches(path))
                .min(Comparator.comparing(FieldRule::path, PathPattern::moreSpecificFirst));
    }
}
