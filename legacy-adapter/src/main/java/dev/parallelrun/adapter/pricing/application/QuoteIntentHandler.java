package dev.parallelrun.adapter.pricing.application;

import dev.parallelrun.adapter.pricing.domain.InvalidQuoteException;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteTranslator;
import dev.parallelrun.adapter.pricing.domain.QuoteOutcome;
import dev.parallelrun.adapter.shared.application.LegacyIntents;
import dev.parallelrun.adapter.shared.application.LegacyOutcomeCounter;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.events.pricing.PricingContract;
import dev.parallelrun.events.pricing.QuoteRequested;
import dev.parallelrun.participant.IntentHandler;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides one {@code QuoteRequested} intent on the legacy side: by calling the legacy pricing platform and translating
 * its answer into the {@code PremiumQuoted} outcome. The participant kit calls it once per intent that completes: a
 * redelivered intent whose outcome is stored gets it re-published without a second legacy call.
 *
 * <p>Unlike a claim, a quote records no attempt before legacy is called: its request key is the intent's event id,
 * the same for every delivery without a record, legacy journals every quote under that key and answers a repeated key
 * with its first answer (the same {@code QUOTE_REF}) without posting it again, and a simulation remembers nothing, so
 * a call repeated after a crash between the call and the stored outcome changes nothing in legacy.
 *
 * <p>Legacy prices the quote for real only where the {@link SideEffectGate} dispatches legacy's side effects (legacy is
 * authoritative for the intent, a fallback included, and it is no replay); everywhere else it is called in simulate
 * mode: the same quote, so the comparison goes on, but nothing journalled or posted and no quote letter. A quote legacy
 * priced is reported to the gate as a {@value #LEGACY_QUOTE} side effect, which the gate records as dispatched or
 * suppressed by the same rule.
 *
 * <p>A governed replay never reaches this handler: the kit answers it with the outcome stored for the original intent
 * ({@code participant.replays.answer-from-stored-outcomes}), so legacy is not asked again. A noise replay does, and is
 * simulated like every replay.
 */
@Service
public class QuoteIntentHandler implements IntentHandler {

    private static final Logger log = LoggerFactory.getLogger(QuoteIntentHandler.class);
    /** The side-effect type of a quote priced in legacy. */
    static final String LEGACY_QUOTE = "LEGACY_QUOTE";

    private final Participant participant;
    private final LegacyPricingSystem legacy;
    private final SideEffectGate gate;
    private final LegacyOutcomeCounter outcomes;
    private final LegacyQuoteTranslator translator = new LegacyQuoteTranslator();

    public QuoteIntentHandler(Participant participant, LegacyPricingSystem legacy, SideEffectGate gate,
            MeterRegistry meterRegistry) {
        this.participant = participant;
        this.legacy = legacy;
        this.gate = gate;
        this.outcomes = new LegacyOutcomeCounter(meterRegistry, PricingContract.CONTEXT,
                List.of(QuoteOutcome.UNINSURABLE, QuoteOutcome.NOT_OFFERED, QuoteOutcome.INVALID_REQUEST));
    }

    @Override
    public IntentType intentType() {
        return PricingContract.QUOTE_REQUESTED;
    }

    /** Every decision answers one (a governed replay without a stored answer fails it). */
    @Override
    public List<String> outcomeTypes() {
        return List.of(PricingContract.PREMIUM_QUOTED);
    }

    /**
     * Calls legacy for an intent, for real or simulated as the gate says, and answers its outcome.
     *
     * @throws MalformedEventException when the event is not a pricing intent this adapter can read (a poison message)
     */
    @Override
    public Decision handle(CloudEvent intent) {
        QuoteRequested quote = participant.readIntent(intent, PricingContract.QUOTE_REQUESTED,
                QuoteRequested.class);
        String requestKey = LegacyIntents.legacyRequestKey(intent);
        QuoteOutcome outcome = decide(requestKey, LegacyIntents.legacyMode(gate, intent), quote);
        List<SideEffectRequest> sideEffects = outcome instanceof QuoteOutcome.Quoted
                ? List.of(new SideEffectRequest(LEGACY_QUOTE, new LegacyQuote(quote.quoteId(), requestKey)))
                : List.of();
        return new Decision(List.of(event(intent, outcome)), sideEffects);
    }

    /** The payload of a {@value #LEGACY_QUOTE}: which quote, under which legacy request key. */
    record LegacyQuote(String quoteId, String legacyRequestKey) {
    }

    private QuoteOutcome decide(String requestKey, LegacyMode mode, QuoteRequested quote) {
        try {
            return translator.toOutcome(quote, legacy.quote(translator.toLegacyRequest(requestKey, quote), mode));
        } catch (InvalidQuoteException e) {
            return new QuoteOutcome.Rejected(QuoteOutcome.INVALID_REQUEST, e.getMessage());
        }
    }

    private CloudEvent event(CloudEvent intent, QuoteOutcome outcome) {
        if (outcome instanceof QuoteOutcome.Quoted quoted) {
            outcomes.completed();
            return participant.completed(intent, PricingContract.PREMIUM_QUOTED, quoted.quote());
        }
        if (outcome instanceof QuoteOutcome.Rejected rejected) {
            outcomes.rejected(rejected.reason());
            return participant.rejected(intent, PricingContract.PREMIUM_QUOTED, rejected.reason(), rejected.detail());
        }
        QuoteOutcome.Failed failed = (QuoteOutcome.Failed) outcome;
        outcomes.failed(failed.reason());
        log.warn("Legacy could not quote intent {} (correlation {}): {} - {}", intent.id(), intent.correlationId(),
                failed.reason(), failed.detail());
        return participant.failed(intent, PricingContract.PREMIUM_QUOTED, failed.reason(), failed.detail());
    }
}
