package dev.parallelrun.reconciliation.rules.whatif.domain;

/**
 * A path whose stored values cannot be re-compared: the rule set that decided the verdicts dropped or masked it
 * before the outcomes were stored.
 *
 * @param path   the redaction rule's JSON Pointer
 * @param action {@code DROP} or {@code MASK}
 * @param reason why, naming the rule set and the rule
 */
public record NotComparable(String path, String action, String reason) {
}
