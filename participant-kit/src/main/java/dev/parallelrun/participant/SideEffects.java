package dev.parallelrun.participant;

import java.util.List;

/** Where gated side effects are recorded: the suppression record, and the outbox when dispatched. */
public interface SideEffects {

    /** Records a side effect in the caller's transaction. */
    void record(GatedSideEffect sideEffect);

    /** The side effects of one business transaction, oldest first. */
    List<GatedSideEffect> ofCorrelation(String correlationId);
}
