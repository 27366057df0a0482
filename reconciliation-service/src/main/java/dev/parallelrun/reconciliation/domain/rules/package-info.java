/**
 * Versioned, domain-aware comparison rules: rule sets read from YAML (one per bounded context), the
 * engine that applies them (field rules by JSON Pointer, tolerances, normalization, unordered
 * collections, accepted variances, severity) and the redaction policy for what leaves the service.
 * Knows no domain: claims, orders or anything else are data in a rule set. No Spring, no Kafka.
 */
package dev.parallelrun.reconciliation.domain.rules;
