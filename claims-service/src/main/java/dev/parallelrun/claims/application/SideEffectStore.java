package dev.parallelrun.claims.application;

import java.util.List;

/** Port: where gated side effects are recorded (and, when authoritative, the outbox they leave from). */
public interface SideEffectStore {

    /** Records a side effect in the caller's transaction. */
    void record(GatedSideEffect sideEffect);

    /** The side effects of one business transaction, oldest first. */
    List<GatedSideEffect> findByCorrelationId(String correlationId);
}
