package dev.parallelrun.reconciliation.rules.web;

import dev.parallelrun.reconciliation.web.ResourceNotFoundException;

/** No rule set of that version was ever stored. */
public class RuleSetNotFoundException extends ResourceNotFoundException {
    RuleSetNotFoundException(String version) {
        super("No rule set", "no rule set of version " + version);
    }
}
