package dev.parallelrun.claims.application;

import dev.parallelrun.claims.domain.ClaimDecider;
import dev.parallelrun.claims.domain.ClaimDecision;
import dev.parallelrun.claims.domain.RiskAssessment;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.IntentHandler;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Decides a submitted claim the new way: both outcomes, and the side effects the decision asks for (a payment
 * instruction when approved, a customer notification for every decision). The participant kit makes it happen exactly
 * once, gates the side effects and publishes the outcomes.
 */
@Service
public class ClaimIntentHandler implements IntentHandler {

    private final Participant participant;
    private final ClaimDecider decider;
    private final InjectedFaults faults;
    private final InjectedSkew skew;

    ClaimIntentHandler(Participant participant, ClaimDecider decider) {
        this(participant, decider, InjectedFaults.NONE);
    }

    ClaimIntentHandler(Participant participant, ClaimDecider decider, InjectedFaults faults) {
        this(participant, decider, faults, InjectedSkew.skewingClaimsMatching(null));
    }

    @Autowired
    ClaimIntentHandler(Participant participant, ClaimDecider decider, InjectedFaults faults, InjectedSkew skew) {
        this.participant = participant;
        this.decider = decider;
        this.faults = faults;
        this.skew = skew;
    }

    @Override
    public IntentType intentType() {
        return ClaimsContract.CLAIM_SUBMITTED;
    }

    /**
     * @throws MalformedEventException when the event is not a claims {@code ClaimSubmitted} intent or its data cannot be
     *                                 read: a poison record
     */
    @Override
    public Decision handle(CloudEvent intent) {
        ClaimSubmitted submitted = read(intent);
        if (faults.failsOn(submitted.claimId())) {
            String detail = "claims-service.fault-injection.fail-claims matches " + submitted.claimId();
            return Decision.outcomesOnly(List.of(
                    participant.failed(intent, ClaimsContract.CLAIM_ASSESSED, InjectedFaults.REASON, detail),
                    participant.failed(intent, ClaimsContract.PAYMENT_DECIDED, InjectedFaults.REASON, detail)));
        }
        ClaimDecision decision = decider.decide(ClaimTranslation.toClaim(submitted), reportDate(intent));
        if (decision instanceof ClaimDecision.Decided decided && skew.skews(submitted.claimId())) {
            RiskAssessment risk = decided.risk();
            decision = new ClaimDecision.Decided(new RiskAssessment(InjectedSkew.skewed(risk.score()),
                    risk.fraudClass(), risk.reasons()), decided.payment());
        }
        return new Decision(ClaimTranslation.outcomes(participant, intent, submitted, decision),
                ClaimTranslation.sideEffects(submitted, decision));
    }

    private ClaimSubmitted read(CloudEvent intent) {
        return participant.readIntent(intent, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class);
    }

    /** The report date is the UTC date of the intent's time: deterministic across redeliveries. */
    static LocalDate reportDate(CloudEvent intent) {
        return LocalDate.ofInstant(intent.time(), ZoneOffset.UTC);
    }
}
