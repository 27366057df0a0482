package dev.parallelrun.reconciliation.authority.domain;

/** A decision that is malformed whatever the context's state: a field names what is wrong (answered 422). */
public class InvalidDecisionException extends RuntimeException {

    private final String field;

    public InvalidDecisionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
