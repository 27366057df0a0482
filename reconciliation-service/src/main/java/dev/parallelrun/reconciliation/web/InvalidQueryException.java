package dev.parallelrun.reconciliation.web;

/** A query parameter the API cannot use; answered with 400 and the parameter's name. */
class InvalidQueryException extends RuntimeException {
    private final String parameter;

    InvalidQueryException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
