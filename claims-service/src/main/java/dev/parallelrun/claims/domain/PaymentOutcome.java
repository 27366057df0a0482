package dev.parallelrun.claims.domain;

/** What the payment decision is. */
public enum PaymentOutcome {
    APPROVED,
    /** Claimed amount at or below the deductible. */
    DECLINED,
    /** Suspected fraud: a human decides. */
    REFERRED
}
