package dev.parallelrun.reconciliation.rules.web;

/** No rule set of that version was ever stored. */
public class RuleSetNotFoundException extends RuntimeException {
    RuleSetNotFoundException(String version) {
        super("no rule set of version " + version);
    }
}
