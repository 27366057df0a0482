package dev.parallelrun.reconciliation.authority.web;

import dev.parallelrun.reconciliation.web.ResourceNotFoundException;

/** No decision of that id in the context's log (404). */
class DecisionNotFoundException extends ResourceNotFoundException {

    DecisionNotFoundException(String context, String decisionId) {
        super("No authority decision", "context " + context + " has no decision " + decisionId);
    }
}
