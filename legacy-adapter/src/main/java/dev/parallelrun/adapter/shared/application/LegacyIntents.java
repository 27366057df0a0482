package dev.parallelrun.adapter.shared.application;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every legacy handler reads its intent and asks the gate before it calls legacy, whichever its context. */
public final class LegacyIntents {

    private static final Logger log = LoggerFactory.getLogger(LegacyIntents.class);

    private LegacyIntents() {
    }

    /**
     * The legacy idempotency key of an intent ({@code REQ_KEY}): its event id, the same for every delivery of it.
     */
    public static String legacyRequestKey(CloudEvent intent) {
        return intent.id();
    }

    /**
     * Asks the gate about the intent's side effects. Legacy has no simulate mode yet, so the call is made whatever the
     * gate decides; where it says suppressed (the shadow side is authoritative, or a replay) this is logged as a
     * warning until the simulate mode exists.
     */
    public static void warnWhereNotAuthoritative(SideEffectGate gate, CloudEvent intent) {
        if (gate.decide(intent) == SideEffectStatus.SUPPRESSED) {
            log.warn("Intent {} (correlation {}): legacy is not authoritative for it{}, but has no simulate mode yet; "
                    + "calling it for real", intent.id(), intent.correlationId(), intent.isReplay() ? " (a replay)" : "");
        }
    }
}
