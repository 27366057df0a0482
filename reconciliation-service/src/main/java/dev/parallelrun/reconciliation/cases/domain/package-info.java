/**
 * The rules of a divergence case, plain Java: its states and categories, which transitions a person may make and
 * what each requires ({@link dev.parallelrun.reconciliation.cases.domain.CaseTransitions}), what a new verdict of
 * the pair does to it, and the rule-set snippet an accepted variance proposes.
 */
package dev.parallelrun.reconciliation.cases.domain;
