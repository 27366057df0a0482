package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.adapter.claims.domain.ClaimOutcome;
import dev.parallelrun.adapter.claims.domain.InvalidClaimException;
import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimTranslator;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.ClaimsContract;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Handles one {@code ClaimSubmitted} intent on the legacy side.
 *
 * <p>Idempotent: outcomes are stored before they are published, keyed by the intent's event id. A
 * redelivered intent re-publishes the stored outcomes (same ids, same content) and never calls the
 * legacy platform again. If publishing fails, the exception propagates so the intent is redelivered
 * and the stored outcomes are published then: nothing decided is lost between database and topic.
 *
 * <p>Legacy must never process a claim twice: the attempt, with its legacy request key (the intent's event id), is
 * recorded before legacy is called, and every call for the intent, retries and redeliveries after a crash between
 * the call and the stored outcomes included, carries the recorded key, on which legacy is idempotent.
 */
@Service
public class ClaimIntentHandler {

    private static final Logger log = LoggerFactory.getLogger(ClaimIntentHandler.class);
    static final String OTHER = "other";
    private static final Set<String> REASON_TAGS = Stream.concat(
            Stream.of("none", ClaimOutcome.UNKNOWN_POLICY, ClaimOutcome.INVALID_CLAIM),
            Stream.of(LegacyCallResult.Failure.values()).map(LegacyCallResult.Failure::reason))
            .collect(Collectors.toUnmodifiableSet());

    private final Participant participant;
    private final LegacyClaimsSystem legacy;
    private final ProcessedIntents processedIntents;
    private final OutcomePublisher publisher;
    private final MeterRegistry meterRegistry;
    private final LegacyClaimTranslator translator = new LegacyClaimTranslator();

    public ClaimIntentHandler(Participant participant, LegacyClaimsSystem legacy, ProcessedIntents processedIntents,
            OutcomePublisher publisher, MeterRegistry meterRegistry) {
        this.participant = participant;
        this.legacy = legacy;
        this.processedIntents = processedIntents;
        this.publisher = publisher;
        this.meterRegistry = meterRegistry;
    }

    /**
     * Processes an intent, or re-publishes what it produced the first time.
     *
     * @throws MalformedEventException when the event is not a claims intent this adapter can read (a poison message)
     */
    public void handle(CloudEvent intent) {
        Optional<List<CloudEvent>> earlier = processedIntents.outcomesOf(intent.id());
        if (earlier.isPresent()) {
            log.info("Intent {} (correlation {}) was processed before; re-publishing its stored outcomes",
                    intent.id(), intent.correlationId());
            meterRegistry.counter("legacy.adapter.intents.duplicate").increment();
            publisher.publish(earlier.get());
            return;
        }
        ClaimSubmitted claim = read(intent);
        String requestKey = processedIntents.recordAttempt(intent.id(), intent.correlationId(), legacyRequestKey(intent));
        ClaimOutcome outcome = decide(requestKey, intent, claim);
        count(outcome);
        List<CloudEvent> outcomes = events(intent, outcome);
        publisher.publish(processedIntents.storeFirst(intent.id(), intent.correlationId(), outcomes));
    }

    /** The legacy idempotency key of an intent: its event id, the same for every delivery of it. */
    static String legacyRequestKey(CloudEvent intent) {
        return intent.id();
    }

    private ClaimSubmitted read(CloudEvent intent) {
        ClaimSubmitted claim = participant.readIntent(intent, ClaimsContract.CLAIM_SUBMITTED, ClaimSubmitted.class);
        if (!ClaimsContract.CONTEXT.equals(intent.boundedContext())) {
            throw new MalformedEventException("expected boundedcontext '" + ClaimsContract.CONTEXT + "' but got "
                    + (intent.boundedContext() == null ? "none" : "'" + intent.boundedContext() + "'"));
        }
        return claim;
    }

    private ClaimOutcome decide(String requestKey, CloudEvent intent, ClaimSubmitted claim) {
        try {
            return translator.toOutcome(claim, legacy.process(translator.toLegacyRequest(requestKey, claim, intent.time())));
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
        String status;
        String reason;
        if (outcome instanceof ClaimOutcome.Rejected rejected) {
            status = "rejected";
            reason = rejected.reason();
        } else if (outcome instanceof ClaimOutcome.Failed failed) {
            status = "failed";
            reason = failed.reason();
        } else {
            status = "completed";
            reason = "none";
        }
        meterRegistry.counter("legacy.adapter.outcomes", "status", status, "reason", reasonTag(reason)).increment();
    }

    /** A metric label must stay bounded: a reason outside the canonical ones is counted as {@value #OTHER}. */
    static String reasonTag(String reason) {
        return reason != null && REASON_TAGS.contains(reason) ? reason : OTHER;
    }
}
