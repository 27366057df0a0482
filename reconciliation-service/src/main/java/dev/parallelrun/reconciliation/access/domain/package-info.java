/** The access log's vocabulary: an entry, a query, a position in the newest-first order. Plain Java. */
package dev.parallelrun.reconciliation.access.domain;
