/** The verdict store in PostgreSQL: batched idempotent writes and the auditor's queries. */
package dev.parallelrun.reconciliation.persistence;
