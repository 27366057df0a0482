/**
 * Versioned, domain-aware comparison rules: the rule set of each bounded context, the engine that applies it
 * (field rules by JSON Pointer, tolerances, normalization, unordered collections, accepted variances, severity),
 * the catalog of comparators ({@link dev.parallelrun.reconciliation.rules.domain.ComparatorKind}: every
 * comparator's name, options and checks, in one place) and the redaction policy for what leaves the service.
 * Knows no domain (claims, orders or anything else are data in a rule set) and no file format (the YAML files
 * are read by {@code rules.yaml}). No Spring, no Kafka.
 */
package dev.parallelrun.reconciliation.rules.domain;
