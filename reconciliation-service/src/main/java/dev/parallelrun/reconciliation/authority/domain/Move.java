package dev.parallelrun.reconciliation.authority.domain;

/** What a decision does to the new service's authority. */
public enum Move {
    /** More authority (a later stage, or cohorts not covered before): only on readiness, or with an override. */
    PROMOTION,
    /** Less authority or the same (an earlier stage, or narrower cohorts): always allowed, takes effect at once. */
    ROLLBACK
}
