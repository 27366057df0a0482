package dev.parallelrun.pricing.application;

/** The side effects a quote has in the world outside the service; at most one per intent. */
public enum SideEffectType {
    /** Send the quote document to the customer: for a quote that is offered. */
    QUOTE_LETTER,
    /** Refer the quote to an underwriter: for an insured sum above the line's referral limit. */
    UNDERWRITER_REFERRAL
}
