package dev.parallelrun.reconciliation.web;

/** A query parameter the API cannot use; answered with 400 and the parameter's name. */
public class InvalidQueryException extends RuntimeException {
    private final String parameter;

    public InvalidQueryException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
