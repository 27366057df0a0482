package dev.parallelrun.reconciliation.replay.noise.domain;

/**
 * A rule that keeps a noisy field out of the verdicts, written as a rule-set snippet (docs/rules.md) to paste into
 * the context's rule set under a new version.
 *
 * @param path    the field's path with every array index as {@code *}: the rule is for every element
 * @param rule    {@value #IGNORE} when the field differs in anything but a number, {@value #TOLERANCE} when every
 *                difference seen was between two numbers: a {@code numeric} rule tolerating the largest of them
 * @param snippet the YAML, from {@code outcomeTypes:} down to the rule
 */
public record RuleSuggestion(String outcomeType, String path, String rule, String snippet) {

    public static final String IGNORE = "ignore";
    public static final String TOLERANCE = "tolerance";
}
