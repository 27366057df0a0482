package dev.parallelrun.reconciliation.web;

/** No verdict exists (yet) for a correlation id. */
class VerdictNotFoundException extends RuntimeException {
    VerdictNotFoundException(String correlationId) {
        super("no verdict for correlation id " + correlationId);
    }
}
