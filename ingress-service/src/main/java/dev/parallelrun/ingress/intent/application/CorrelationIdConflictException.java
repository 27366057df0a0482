package dev.parallelrun.ingress.intent.application;

/** The channel's correlation id already names another intent. */
public class CorrelationIdConflictException extends RuntimeException {

    private final String correlationId;

    public CorrelationIdConflictException(String correlationId) {
        super("correlation id '" + correlationId + "' is already used by another intent");
        this.correlationId = correlationId;
    }

    public String correlationId() {
        return correlationId;
    }
}
