package dev.parallelrun.pricing.application;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.events.pricing.QuoteRequested;
import dev.parallelrun.participant.IntentHandler;
import dev.parallelrun.pricing.domain.PremiumCalculator;
import dev.parallelrun.pricing.domain.QuoteDecision;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Prices a requested quote the new way: its {@code PremiumQuoted} outcome, and the side effects the quote asks for (the
 * quote document to the customer, or the referral to an underwriter). The participant kit makes it happen exactly
 * once, gates the side effects and publishes the outcome.
 */
@Service
public class QuoteIntentHandler implements IntentHandler {

    private final Participant participant;
    private final PremiumCalculator calculator;

    QuoteIntentHandler(Participant participant, PremiumCalculator calculator) {
        this.participant = participant;
        this.calculator = calculator;
    }

    @Override
    public IntentType intentType() {
        return PricingContract.QUOTE_REQUESTED;
    }

    /**
     * @throws MalformedEventException when the event is not a pricing {@code QuoteRequested} intent or its data cannot
     *                                 be read: a poison record
     */
    @Override
    public Decision handle(CloudEvent intent) {
        QuoteRequested requested = read(intent);
        QuoteDecision decision = calculator.quote(QuoteTranslation.toRequest(requested));
        return new Decision(List.of(QuoteTranslation.outcome(participant, intent, decision)),
                QuoteTranslation.sideEffects(decision));
    }

    private QuoteRequested read(CloudEvent intent) {
        return participant.readIntent(intent, PricingContract.QUOTE_REQUESTED, QuoteRequested.class);
    }
}
