package dev.parallelrun.pricing.application;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PremiumQuoted;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.events.pricing.QuoteRequested;
import dev.parallelrun.participant.SideEffectRequest;
import dev.parallelrun.pricing.domain.Discount;
import dev.parallelrun.pricing.domain.Premium;
import dev.parallelrun.pricing.domain.QuoteDecision;
import dev.parallelrun.pricing.domain.QuoteRequest;
import java.util.List;
import java.util.UUID;

/** Translates between the canonical pricing contracts and the domain, in both directions. */
final class QuoteTranslation {

    private QuoteTranslation() {
    }

    /** The domain's request: everything but the customer, of whom pricing only needs to know that they are named. */
    static QuoteRequest toRequest(QuoteRequested requested) {
        QuoteRequested.Customer customer = requested.customer();
        boolean named = customer != null && customer.name() != null && !customer.name().isBlank();
        return new QuoteRequest(requested.quoteId(), requested.productLine(), requested.region(),
                requested.customerSegment(), requested.insuredSum(), requested.currency(), requested.requestedOptions(),
                named);
    }

    /** The {@code PremiumQuoted} outcome: completed when priced (referred or not), rejected with the reason otherwise. */
    static CloudEvent outcome(Participant participant, CloudEvent intent, QuoteDecision decision) {
        if (decision instanceof QuoteDecision.Rejected rejected) {
            return participant.rejected(intent, PricingContract.PREMIUM_QUOTED, rejected.reason().wireName(),
                    rejected.detail());
        }
        return participant.completed(intent, PricingContract.PREMIUM_QUOTED, premiumQuoted((QuoteDecision.Quoted) decision));
    }

    /**
     * The quote document to the customer for a quote that is offered, the referral to an underwriter for one that is
     * referred; none for a rejection.
     */
    static List<SideEffectRequest> sideEffects(QuoteDecision decision) {
        if (!(decision instanceof QuoteDecision.Quoted quoted)) {
            return List.of();
        }
        Premium premium = quoted.premium();
        if (quoted.referred()) {
            return List.of(new SideEffectRequest(SideEffectType.UNDERWRITER_REFERRAL.name(),
                    new SideEffectPayloads.UnderwriterReferral(quoted.quoteId(), premium.grossPremium(),
                            quoted.currency())));
        }
        return List.of(new SideEffectRequest(SideEffectType.QUOTE_LETTER.name(),
                new SideEffectPayloads.QuoteLetter(quoted.quoteId(), SideEffectPayloads.QuoteLetter.QUOTE_DOCUMENT_TEMPLATE,
                        premium.grossPremium(), premium.netPremium(), premium.taxAmount(), quoted.currency())));
    }

    /**
     * The new service's own reference for a quote it priced: {@code PQ-} and a random UUID, new on every pricing (a
     * redelivered intent gets the stored outcome, never a second pricing). Like legacy's {@code QUOTE_REF} it names
     * this pricing and decides nothing, so two pricings of the same request differ in it, which is what a noise run
     * finds and the rules ignore.
     */
    static String newQuoteReference() {
        return "PQ-" + UUID.randomUUID();
    }

    private static PremiumQuoted premiumQuoted(QuoteDecision.Quoted quoted) {
        Premium premium = quoted.premium();
        return new PremiumQuoted(quoted.quoteId(), newQuoteReference(), premium.grossPremium(), premium.netPremium(), premium.taxBasis(),
                premium.taxAmount(), quoted.currency(), premium.discounts().stream().map(Discount::name).toList(),
                premium.promotions());
    }
}
