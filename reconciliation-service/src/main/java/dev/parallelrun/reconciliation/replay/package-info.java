/**
 * Governed replays and noise runs (ARCHITECTURE.md, "Replay, what-if and noise"): an admin replays the intents of a
 * context over a time range, read back from Kafka, under new event and correlation ids, throttled, recorded, resumable
 * and cancellable; a noise run gives a sample of intents to both sides twice. docs/replay.md.
 */
package dev.parallelrun.reconciliation.replay;
