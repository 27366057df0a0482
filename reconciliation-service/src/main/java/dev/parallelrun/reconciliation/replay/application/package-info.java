/** Requesting, running, resuming and cancelling replays and noise runs; the ports to Kafka and PostgreSQL. */
package dev.parallelrun.reconciliation.replay.application;
