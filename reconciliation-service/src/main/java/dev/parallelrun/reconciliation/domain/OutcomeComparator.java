package dev.parallelrun.reconciliation.domain;

import tools.jackson.databind.JsonNode;

/**
 * Compares what the two sides decided for one outcome type. Implementations are pure and
 * thread-safe; the domain-aware, versioned rule sets plug in here.
 */
public interface OutcomeComparator {

    /**
     * @param context     the bounded context, e.g. {@code claims}
     * @param outcomeType the outcome type, e.g. {@code PaymentDecided}
     * @param legacy      the legacy side's outcome data
     * @param shadow      the shadow side's outcome data
     */
    Comparison compare(String context, String outcomeType, JsonNode legacy, JsonNode shadow);

    /** The version of the rules this comparator applies, recorded on every verdict. */
    String ruleSetVersion(String context);
}
