package dev.parallelrun.pricing.domain;

/** The result of pricing a request: either not priced, with the reason, or priced. */
public sealed interface QuoteDecision {

    /** The request was not priced. */
    record Rejected(RejectionReason reason, String detail) implements QuoteDecision {
    }

    /**
     * The request was priced.
     *
     * @param referred whether the insured sum is above the line's referral limit: fully priced, but an underwriter
     *                 confirms the quote before it is offered
     */
    record Quoted(String quoteId, String currency, Premium premium, boolean referred) implements QuoteDecision {
    }
}
