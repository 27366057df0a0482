package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.reconciliation.web.ResourceNotFoundException;

/** A context without a rule set of its own: it has no readiness targets and no authority to move (404). */
public class NoRuleSetException extends ResourceNotFoundException {

    public NoRuleSetException(String context) {
        super("Unknown context", "context " + context + " has no rule set of its own; contexts are those with a rule set");
    }
}
