/**
 * What-if re-comparison, as pure logic: the stored (normalized, redacted) outcomes of live pairs re-decided under a
 * candidate rule set, tallied into class-to-class changes, with the paths redaction made impossible to re-compare.
 * No Spring, no database: {@code rules.whatif} streams the pairs in and stores the report.
 */
package dev.parallelrun.reconciliation.rules.whatif.domain;
