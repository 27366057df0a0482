package dev.parallelrun.reconciliation.authority.domain;

/** A well-formed decision the context's current state does not allow, such as skipping a stage (answered 409). */
public class TransitionRefusedException extends RuntimeException {

    public TransitionRefusedException(String problem) {
        super(problem);
    }
}
