/**
 * Who is the truth for an intent: which outcome is authoritative, when legacy must fall back for the new service.
 * Plain Java: the rule an auditor reads, tested without Kafka.
 */
package dev.parallelrun.reconciliation.correlation.authoritative.domain;
