package dev.parallelrun.reconciliation.cases.domain;

/**
 * What a resolved divergence turned out to be: seed 000's outcomes of reconciliation, each leading to different work.
 * The names are a contract (API, metrics, evidence pack).
 */
public enum CaseCategory {
    /** Fix a defect in the new service. */
    NEW_SERVICE_DEFECT,
    /** Legacy applies a rule nobody wrote down: model it in the new service. */
    HIDDEN_LEGACY_RULE,
    /** The events say something else than both sides meant: refine their semantics. */
    EVENT_SEMANTICS,
    /** An acceptable difference: names the variance id proposed for the next rule set. */
    ACCEPTED_VARIANCE,
    /** The boundary of the migrated capability was drawn wrong. */
    BOUNDARY_WRONG,
    /** Legacy is wrong and the new service right. */
    LEGACY_DEFECT,
    /** The input data was bad, not either side. */
    UPSTREAM_DATA
}
