package dev.parallelrun.claims.application;

import dev.parallelrun.claims.domain.Claim;
import dev.parallelrun.claims.domain.ClaimDecision;
import dev.parallelrun.claims.domain.LedgerEntry;
import dev.parallelrun.claims.domain.PaymentDecision;
import dev.parallelrun.claims.domain.PaymentOutcome;
import dev.parallelrun.claims.domain.RiskAssessment;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.claims.PaymentDecided;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.SideEffectRequest;
import java.util.ArrayList;
import java.util.List;

/** Translates between the canonical claims contracts and the domain, in both directions. */
final class ClaimTranslation {

    private ClaimTranslation() {
    }

    static Claim toClaim(ClaimSubmitted submitted) {
        return new Claim(submitted.claimId(), submitted.policyId(), submitted.productLine(), submitted.region(),
                submitted.claimedAmount(), submitted.currency(), submitted.incidentDate(), submitted.description());
    }

    /** Both outcomes of a decision, {@code ClaimAssessed} first. */
    static List<CloudEvent> outcomes(Participant participant, CloudEvent intent, ClaimSubmitted submitted,
            ClaimDecision decision) {
        if (decision instanceof ClaimDecision.Rejected rejected) {
            String reason = rejected.reason().wireName();
            return List.of(
                    participant.rejected(intent, ClaimsContract.CLAIM_ASSESSED, reason, rejected.detail()),
                    participant.rejected(intent, ClaimsContract.PAYMENT_DECIDED, reason, rejected.detail()));
        }
        ClaimDecision.Decided decided = (ClaimDecision.Decided) decision;
        return List.of(
                participant.completed(intent, ClaimsContract.CLAIM_ASSESSED, assessed(submitted, decided.risk())),
                participant.completed(intent, ClaimsContract.PAYMENT_DECIDED,
                        paymentDecided(submitted, decided.payment())));
    }

    /** A payment instruction when approved, and a customer notification for every decision; none when rejected. */
    static List<SideEffectRequest> sideEffects(ClaimSubmitted submitted, ClaimDecision decision) {
        if (!(decision instanceof ClaimDecision.Decided decided)) {
            return List.of();
        }
        PaymentDecision payment = decided.payment();
        List<SideEffectRequest> requests = new ArrayList<>();
        if (payment.outcome() == PaymentOutcome.APPROVED) {
            requests.add(new SideEffectRequest(SideEffectType.PAYMENT_INSTRUCTION.name(),
                    new SideEffectPayloads.PaymentInstruction(submitted.claimId(), submitted.policyId(),
                            payment.payment(), submitted.currency())));
        }
        requests.add(new SideEffectRequest(SideEffectType.CUSTOMER_NOTIFICATION.name(),
                new SideEffectPayloads.CustomerNotification(submitted.claimId(), submitted.policyId(),
                        SideEffectPayloads.CustomerNotification.CLAIM_DECIDED_TEMPLATE, payment.outcome().name(),
                        payment.payment(), submitted.currency())));
        return requests;
    }

    private static ClaimAssessed assessed(ClaimSubmitted submitted, RiskAssessment risk) {
        return new ClaimAssessed(submitted.claimId(), ClaimAssessed.FraudDecision.valueOf(risk.fraudClass().name()),
                risk.score(), risk.reasons());
    }

    private static PaymentDecided paymentDecided(ClaimSubmitted submitted, PaymentDecision payment) {
        List<PaymentDecided.LedgerEntry> entries = payment.ledgerEntries().stream()
                .map(ClaimTranslation::ledgerEntry)
                .toList();
        return new PaymentDecided(submitted.claimId(), PaymentDecided.Decision.valueOf(payment.outcome().name()),
                payment.payment(), payment.reserve(), submitted.currency(), entries);
    }

    private static PaymentDecided.LedgerEntry ledgerEntry(LedgerEntry entry) {
        return new PaymentDecided.LedgerEntry(entry.account(),
                PaymentDecided.Direction.valueOf(entry.direction().name()), entry.amount());
    }
}
