package dev.parallelrun.reconciliation.verdicts.web;

import dev.parallelrun.reconciliation.web.ResourceNotFoundException;

/** No verdict exists (yet) for a correlation id. */
public class VerdictNotFoundException extends ResourceNotFoundException {
    VerdictNotFoundException(String correlationId) {
        super("No verdict", "no verdict for correlation id " + correlationId);
    }
}
