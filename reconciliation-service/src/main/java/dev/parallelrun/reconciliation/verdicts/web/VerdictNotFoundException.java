package dev.parallelrun.reconciliation.verdicts.web;

/** No verdict exists (yet) for a correlation id. */
public class VerdictNotFoundException extends RuntimeException {
    VerdictNotFoundException(String correlationId) {
        super("no verdict for correlation id " + correlationId);
    }
}
