package dev.parallelrun.adapter.shared.application;

import dev.parallelrun.adapter.shared.domain.LegacyMode;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.participant.SideEffectGate;
import dev.parallelrun.participant.SideEffectStatus;

/** How every legacy handler keys its legacy call and asks the gate how to make it, whichever its context. */
public final class LegacyIntents {

    private LegacyIntents() {
    }

    /**
     * The legacy idempotency key of an intent ({@code REQ_KEY}): its event id, the same for every delivery of it. A
     * fallback intent has an id of its own, so legacy executes it under a key no simulation of the original used.
     */
    public static String legacyRequestKey(CloudEvent intent) {
        return intent.id();
    }

    /**
     * How legacy is to run the intent, by the side-effect gate's one rule: for real ({@link LegacyMode#POST}) where the
     * gate dispatches legacy's side effects (legacy is authoritative for the intent, a fallback included, and it is
     * no replay), simulated ({@link LegacyMode#SIMULATE}) where it suppresses them (the new service is authoritative,
     * or a replay): legacy still decides, so the comparison goes on, but posts nothing and sends no letter. The only
     * replays that get here are noise runs: a governed replay is answered by the kit from the stored outcomes.
     */
    public static LegacyMode legacyMode(SideEffectGate gate, CloudEvent intent) {
        return gate.decide(intent) == SideEffectStatus.DISPATCHED ? LegacyMode.POST : LegacyMode.SIMULATE;
    }
}
