package dev.parallelrun.reconciliation.cases.domain;

/** A transition the table does not allow from the case's state (answered 409). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(CaseState from, CaseState to) {
        super("a case cannot move from " + from + " to " + to + (from == CaseState.SUPERSEDED
                ? ": a superseded case comes back only with a new disagreeing verdict" : ""));
    }
}
