package dev.parallelrun.reconciliation.cases.domain;

/** A transition the table allows but whose request lacks what it needs, named by field (answered 422). */
public class InvalidTransitionException extends RuntimeException {

    private final String field;

    public InvalidTransitionException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
