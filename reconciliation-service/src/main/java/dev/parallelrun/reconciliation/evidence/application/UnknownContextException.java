package dev.parallelrun.reconciliation.evidence.application;

/** A context no rule set was ever stored for: there is no evidence of it (answered 404). */
public class UnknownContextException extends RuntimeException {
    private final String context;

    UnknownContextException(String context) {
        super("no rule set was ever stored for context " + context);
        this.context = context;
    }

    public String context() {
        return context;
    }
}
