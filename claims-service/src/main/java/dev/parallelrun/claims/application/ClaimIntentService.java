package dev.parallelrun.claims.application;

import dev.parallelrun.claims.domain.ClaimDecider;
import dev.parallelrun.claims.domain.ClaimDecision;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Decides a submitted claim exactly once and publishes what was decided.
 *
 * <p>The decision, its side effects (through the {@link SideEffectGate}) and the processed-intent
 * record with the outcome events commit in one database transaction. Only then are the outcomes
 * published, awaiting the broker's acknowledgement. If publishing fails, the exception makes the
 * consumer redeliver the intent; the redelivery finds the processed-intent record and publishes the
 * stored outcomes again, byte for byte (same ids), recording no second side effect. So neither a crash
 * between commit and publish nor a duplicate delivery loses or doubles anything.
 */
@Service
public class ClaimIntentService {

    private static final Logger log = LoggerFactory.getLogger(ClaimIntentService.class);

    private final Participant participant;
    private final ClaimDecider decider;
    private final ProcessedIntentStore processedIntents;
    private final SideEffectGate gate;
    private final OutcomeSink outcomes;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final MeterRegistry registry;

    ClaimIntentService(Participant participant, ClaimDecider decider, ProcessedIntentStore processedIntents,
            SideEffectGate gate, OutcomeSink outcomes, TransactionOperations transactions, Clock clock,
            MeterRegistry registry) {
        this.participant = participant;
        this.decider = decider;
        this.processedIntents = processedIntents;
        this.gate = gate;
        this.outcomes = outcomes;
        this.transactions = transactions;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Handles one delivery of an intent.
     *
     * @throws MalformedEventException      when the event is not a claims {@code ClaimSubmitted} intent or
     *                                      its data cannot be read: a poison record
     * @throws OutcomeNotPublishedException when the outcomes are durable but not yet published
     */
    public void handle(CloudEvent intent) {
        ClaimSubmitted submitted = read(intent);
        ClaimDecision decision = decider.decide(ClaimTranslation.toClaim(submitted), reportDate(intent));
        List<CloudEvent> decided = ClaimTranslation.outcomes(participant, intent, submitted, decision);
        List<SideEffectRequest> sideEffects = ClaimTranslation.sideEffects(submitted, decision);

        List<CloudEvent> toPublish = transactions.execute(transaction -> {
            if (!processedIntents.recordFirst(intent.id(), intent.correlationId(), decided, clock.instant())) {
                return null;
            }
            gate.pass(intent, sideEffects);
            return decided;
        });

        String result;
        if (toPublish == null) {
            result = "duplicate";
            log.info("Intent {} (correlation {}) was decided before; publishing its stored outcomes again",
                    intent.id(), intent.correlationId());
            toPublish = processedIntents.outcomesOf(intent.id()).orElseThrow(() -> new IllegalStateException(
                    "intent " + intent.id() + " is recorded as processed but has no stored outcomes"));
        } else {
            // from the enum, not the event's text: the label's values stay bounded
            result = decided.get(0).status().wireName();
        }
        outcomes.publish(toPublish);
        registry.counter("claims.intents.handled", "result", result).increment();
    }

    private ClaimSubmitted read(CloudEvent intent) {
        ClaimSubmitted submitted = participant.readIntent(intent, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class);
        if (!ClaimsContract.CONTEXT.equals(intent.boundedContext())) {
            throw new MalformedEventException("expected boundedcontext " + ClaimsContract.CONTEXT + " but got "
                    + (intent.boundedContext() == null ? "none" : intent.boundedContext()));
        }
        if (submitted == null) {
            throw new MalformedEventException("data is not a valid ClaimSubmitted: empty");
        }
        return submitted;
    }

    /** The report date is the UTC date of the intent's time: deterministic across redeliveries. */
    static LocalDate reportDate(CloudEvent intent) {
        return LocalDate.ofInstant(intent.time(), ZoneOffset.UTC);
    }
}
