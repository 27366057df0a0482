/** Replays and noise runs in PostgreSQL (Flyway V8): the runs, their leases, their selected intents. */
package dev.parallelrun.reconciliation.replay.persistence;
