package dev.parallelrun.reconciliation.evidence.domain;

/**
 * How many divergence cases of the pack's period were in a state (and, resolved, a category; {@code null} otherwise)
 * at the period's end, as their append-only history says.
 */
public record CaseCount(String state, String category, long count) {
}
