package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.participant.Participant;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Object mother for outcome events of both sides, for one fresh intent each. */
final class Outcomes {

    private final CloudEvent intent;
    private final Participant legacy;
    private final Participant shadow;
    private final Clock clock;

    private Outcomes(CloudEvent intent, Clock clock) {
        this.intent = intent;
        this.clock = clock;
        this.legacy = new Participant(Side.LEGACY, "urn:test:legacy", clock, EventCodec.standard());
        this.shadow = new Participant(Side.SHADOW, "urn:test:shadow", clock, EventCodec.standard());
    }

    /** Outcomes reacting to a new intent with its own correlation id, answered at the clock's time. */
    static Outcomes forNewIntent() {
        return forNewIntent(Clock.systemUTC());
    }

    /** Outcomes reacting to a new intent with its own correlation id, accepted and answered at the clock's time. */
    static Outcomes forNewIntent(Clock clock) {
        return forIntent(clock, UUID.randomUUID().toString());
    }

    /** Outcomes reacting to a new intent (its own event id) that carries the given correlation id. */
    static Outcomes forIntent(Clock clock, String correlationId) {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        CloudEvent intent = new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(),
                golden.source(), clock.instant(), golden.dataContentType(), correlationId, null,
                golden.boundedContext(), null, null, null, null, null, null, null, null, null, null, golden.data());
        return new Outcomes(intent, clock);
    }

    /** The same intent stamped with the given side as authoritative (by decision {@code decision-1}). */
    Outcomes authoritative(Side side) {
        return new Outcomes(intent.withAuthority(side, "decision-1"), clock);
    }

    /** Outcomes answering a replay of this intent. */
    Outcomes replayed() {
        return new Outcomes(intent.asReplay("replay-1"), clock);
    }

    /** Outcomes answering another intent (a fallback intent, say) at this clock. */
    Outcomes answering(CloudEvent otherIntent) {
        return new Outcomes(otherIntent, clock);
    }

    String correlationId() {
        return intent.correlationId();
    }

    /** The intent all these outcomes answer. */
    CloudEvent intent() {
        return intent;
    }

    Participant side(Side side) {
        return side == Side.LEGACY ? legacy : shadow;
    }

    CloudEvent assessed(Side side, ClaimAssessed.FraudDecision decision, int score, List<String> reasons) {
        return side(side).completed(intent, ClaimsContract.CLAIM_ASSESSED, new ClaimAssessed("CLM-1001", decision, score, reasons));
    }

    CloudEvent clearAssessment(Side side) {
        return assessed(side, ClaimAssessed.FraudDecision.CLEAR, 10, List.of());
    }

    CloudEvent payment(Side side, String amount) {
        BigDecimal paid = new BigDecimal(amount);
        return side(side).completed(intent, ClaimsContract.PAYMENT_DECIDED, new PaymentDecided("CLM-1001",
                PaymentDecided.Decision.APPROVED, paid, new BigDecimal("1358.02"), "EUR",
                List.of(new PaymentDecided.LedgerEntry("claims-expense", PaymentDecided.Direction.DEBIT, paid))));
    }

    CloudEvent failed(Side side, String outcomeType) {
        return side(side).failed(intent, outcomeType, "legacy-timeout", "no answer");
    }

    CloudEvent rejected(Side side, String outcomeType) {
        return side(side).rejected(intent, outcomeType, "unknown-policy", "POL-0");
    }
}
