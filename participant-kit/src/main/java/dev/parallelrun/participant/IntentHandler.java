package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import java.util.List;
import java.util.Objects;

/**
 * A participant's domain logic for one intent type: an intent in, its outcomes and the side effects it asks for out.
 * Everything around it (consuming, idempotency, the side-effect gate, sampling, publishing, dead-lettering) is the
 * kit's. A handler is called at most once per intent that completes: a redelivery of an intent whose outcomes are
 * stored re-publishes them without calling it.
 */
public interface IntentHandler {

    /** The intent type this handler decides; the participant consumes the intent topic of its bounded context. */
    IntentType intentType();

    /**
     * The outcome types a decision of this handler publishes, one outcome each. The kit needs them only where it
     * answers governed replays from stored outcomes ({@code participant.replays.answer-from-stored-outcomes}): a replay
     * whose original has no stored outcomes is answered with a {@code failed} outcome of each type, so reconciliation
     * classifies it instead of waiting for outcomes that never come. Such a participant's handlers must name them; the
     * kit refuses to start otherwise.
     */
    default List<String> outcomeTypes() {
        return List.of();
    }

    /**
     * Decides an intent. Must be deterministic in the intent (outcome ids derive from its id).
     *
     * @throws MalformedEventException when the event is not an intent this handler can read: a poison record, dead-lettered
     */
    Decision handle(CloudEvent intent);

    /**
     * What a handler decided.
     *
     * @param outcomes    the outcome events to publish, e.g. made with {@code Participant.completed(...)}
     * @param sideEffects what the decision would do in the world outside; the {@link SideEffectGate} records each as
     *                    dispatched or suppressed, in the transaction that records the intent as processed
     */
    record Decision(List<CloudEvent> outcomes, List<SideEffectRequest> sideEffects) {

        public Decision {
            outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
            sideEffects = List.copyOf(Objects.requireNonNull(sideEffects, "sideEffects"));
            if (outcomes.isEmpty()) {
                throw new IllegalArgumentException("a decision publishes at least one outcome");
            }
        }

        /** A decision without side effects. */
        public static Decision outcomesOnly(List<CloudEvent> outcomes) {
            return new Decision(outcomes, List.of());
        }
    }
}
