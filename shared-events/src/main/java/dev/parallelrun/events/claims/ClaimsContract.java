package dev.parallelrun.events.claims;

import dev.parallelrun.events.IntentType;

/** The reference domain's names: its bounded context, intent and outcome types. */
public final class ClaimsContract {
    public static final String CONTEXT = "claims";
    public static final IntentType CLAIM_SUBMITTED = new IntentType("ClaimSubmitted", CONTEXT, 1);
    public static final String CLAIM_ASSESSED = "ClaimAssessed";
    public static final String PAYMENT_DECIDED = "PaymentDecided";

    private ClaimsContract() {
    }
}
