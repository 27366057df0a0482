package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.adapter.claims.domain.ClaimOutcome;
import dev.parallelrun.adapter.claims.domain.InvalidClaimException;
import dev.parallelrun.adapter.claims.domain.LegacyClaimTranslator;
import dev.parallelrun.adapter.shared.application.LegacyIntents;
import dev.parallelrun.adapter.shared.application.LegacyOutcomeCounter;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.IntentHandler;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides one {@code ClaimSubmitted} intent on the legacy side: by calling the legacy platform and translating its
 * answer. The participant kit calls it once per intent that completes: a redelivered intent whose outcomes are stored
 * gets them re-published without a second legacy call.
 *
 * <p>Legacy must never process a claim twice: the attempt, with its legacy request key (the intent's event id), is
 * recorded before legacy is called, and every call for the intent, retries and redeliveries after a crash between
 * the call and the stored outcomes included, carries the recorded key, on which legacy is idempotent.
 *
 * <p>Legacy runs the claim for real only where the {@link SideEffectGate} dispatches legacy's side effects (legacy is
 * authoritative for the intent, a fallback included, and it is no replay); everywhere else it is called in simulate
 * mode: the same decision, so the comparison goes on, but no booking, no posting, no letter. A claim legacy decided is
 * reported to the gate as a {@value #LEGACY_BOOKING} side effect, which the gate records as dispatched or suppressed
 * by the same rule, so the record says whether legacy booked it.
 *
 * <p>A governed replay never reaches this handler: the kit answers it with the outcomes stored for the original intent
 * ({@code participant.replays.answer-from-stored-outcomes}), so legacy is not asked again. A noise replay does, and is
 * simulated like every replay.
 */
@Service
public class ClaimIntentHandler implements IntentHandler {

    private static final Logger log = LoggerFactory.getLogger(ClaimIntentHandler.class);
    /** The side-effect type of a claim booked in legacy. */
    static final String LEGACY_BOOKING = "LEGACY_BOOKING";

    private final Participant participant;
    private final LegacyClaimsSystem legacy;
    private final LegacyAttempts attempts;
    private final SideEffectGate gate;
    private final LegacyOutcomeCounter outcomes;
    private final LegacyClaimTranslator translator = new LegacyClaimTranslator();

    public ClaimIntentHandler(Participant participant, LegacyClaimsSystem legacy, LegacyAttempts attempts,
            SideEffectGate gate, MeterRegistry meterRegistry) {
        this.participant = participant;
        this.legacy = legacy;
        this.attempts = attempts;
        this.gate = gate;
        this.outcomes = new LegacyOutcomeCounter(meterRegistry, ClaimsContract.CONTEXT,
                List.of(ClaimOutcome.UNKNOWN_POLICY, ClaimOutcome.INVALID_CLAIM));
    }

    @Override
    public IntentType intentType() {
        return ClaimsContract.CLAIM_SUBMITTED;
    }

    /** Every decision answers both, in this order (a governed replay without a stored answer fails both). */
    @Override
    public List<String> outcomeTypes() {
        return List.of(ClaimsContract.CLAIM_ASSESSED, ClaimsContract.PAYMENT_DECIDED);
    }

    /**
     * Calls legacy for an intent, for real or simulated as the gate says, and answers its outcomes.
     *
     * @throws MalformedEventException when the event is not a claims intent this adapter can read (a poison message)
     */
    @Override
    public Decision handle(CloudEvent intent) {
        ClaimSubmitted claim = participant.readIntent(intent, ClaimsContract.CLAIM_SUBMITTED,
                ClaimSubmitted.class);
        String requestKey = attempts.recordAttempt(intent.id(), intent.correlationId(),
                LegacyIntents.legacyRequestKey(intent));
        ClaimOutcome outcome = decide(requestKey, LegacyIntents.legacyMode(gate, intent), intent, claim);
        count(outcome);
        List<SideEffectRequest> sideEffects = outcome instanceof ClaimOutcome.Decided
                ? List.of(new SideEffectRequest(LEGACY_BOOKING, new LegacyBooking(claim.claimId(), requestKey)))
                : List.of();
        return new Decision(events(intent, outcome), sideEffects);
    }

    /** The payload of a {@value #LEGACY_BOOKING}: which claim, under which legacy request key. */
    record LegacyBooking(String claimId, String legacyRequestKey) {
    }

    private ClaimOutcome decide(String requestKey, LegacyMode mode, CloudEvent intent, ClaimSubmitted claim) {
        try {
            return translator.toOutcome(claim,
                    legacy.process(translator.toLegacyRequest(requestKey, claim, intent.time()), mode));
        } catch (InvalidClaimException e) {
            return new ClaimOutcome.Rejected(ClaimOutcome.INVALID_CLAIM, e.getMessage());
        }
    }

    private List<CloudEvent> events(CloudEvent intent, ClaimOutcome outcome) {
        if (outcome instanceof ClaimOutcome.Decided decided) {
            return List.of(
                    participant.completed(intent, ClaimsContract.CLAIM_ASSESSED, decided.assessment()),
                    participant.completed(intent, ClaimsContract.PAYMENT_DECIDED, decided.payment()));
        }
        if (outcome instanceof ClaimOutcome.Rejected rejected) {
            return List.of(
                    participant.rejected(intent, ClaimsContract.CLAIM_ASSESSED, rejected.reason(), rejected.detail()),
                    participant.rejected(intent, ClaimsContract.PAYMENT_DECIDED, rejected.reason(), rejected.detail()));
        }
        ClaimOutcome.Failed failed = (ClaimOutcome.Failed) outcome;
        log.warn("Legacy could not decide intent {} (correlation {}): {} - {}", intent.id(), intent.correlationId(),
                failed.reason(), failed.detail());
        return List.of(
                participant.failed(intent, ClaimsContract.CLAIM_ASSESSED, failed.reason(), failed.detail()),
                participant.failed(intent, ClaimsContract.PAYMENT_DECIDED, failed.reason(), failed.detail()));
    }

    private void count(ClaimOutcome outcome) {
        if (outcome instanceof ClaimOutcome.Rejected rejected) {
            outcomes.rejected(rejected.reason());
        } else if (outcome instanceof ClaimOutcome.Failed failed) {
            outcomes.failed(failed.reason());
        } else {
            outcomes.completed();
        }
    }
}
