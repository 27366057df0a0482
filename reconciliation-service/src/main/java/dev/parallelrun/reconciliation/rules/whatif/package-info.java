/**
 * What-if rules (docs/rules.md, "What-if"): a candidate rule set is re-compared over a context's stored live pairs
 * of a period and the report (class-to-class changes with counts and examples, what redaction made impossible to
 * re-compare) is stored append-only and served at {@code /api/v1/rule-sets/what-if}. Official verdicts are only
 * read, never written: a what-if is evidence for a rule-set change, not a decision. Activating a rule set records
 * the report it was approved on ({@code rules.persistence.RuleSetStore}).
 */
package dev.parallelrun.reconciliation.rules.whatif;
