package dev.parallelrun.events.pricing;

import dev.parallelrun.events.IntentType;

/** The pricing context's names: its bounded context, intent and outcome types. */
public final class PricingContract {
    public static final String CONTEXT = "pricing";
    public static final IntentType QUOTE_REQUESTED = new IntentType("QuoteRequested", CONTEXT, 1);
    public static final String PREMIUM_QUOTED = "PremiumQuoted";

    private PricingContract() {
    }
}
