package dev.parallelrun.reconciliation.web;

/** No rule set of that version was ever stored. */
class RuleSetNotFoundException extends RuntimeException {
    RuleSetNotFoundException(String version) {
        super("no rule set of version " + version);
    }
}
