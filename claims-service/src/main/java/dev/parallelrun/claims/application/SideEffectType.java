package dev.parallelrun.claims.application;

/** The side effects a claim decision has in the world outside the service. */
public enum SideEffectType {
    /** Pay the approved amount: only for an approved claim. */
    PAYMENT_INSTRUCTION,
    /** Tell the customer what was decided: for every decision. */
    CUSTOMER_NOTIFICATION
}
