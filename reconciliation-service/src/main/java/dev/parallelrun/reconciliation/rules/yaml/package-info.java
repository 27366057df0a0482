/**
 * The rule-set file format: YAML files (docs/rules.md) read into {@code rules.domain} rule sets, every mistake
 * reported with the file, the rule and what is wrong. An adapter: what a comparator accepts is asked of the
 * comparator catalog, never written here.
 */
package dev.parallelrun.reconciliation.rules.yaml;
