/**
 * Divergence cases (ARCHITECTURE.md, "Divergence cases"; docs/operations.md, "Divergence cases"): the ops work queue.
 * Every live verdict that disagrees opens one case per (correlation id, outcome type) in the transaction that stores
 * it; a later agreeing verdict of the pair supersedes it; people acknowledge and resolve it with a category, under
 * optimistic concurrency, and every change is kept in an append-only history.
 */
package dev.parallelrun.reconciliation.cases;
