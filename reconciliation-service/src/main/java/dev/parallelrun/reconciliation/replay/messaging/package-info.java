/** Reading a context's intent topic back by time and publishing replayed intents exactly once (Kafka transactions). */
package dev.parallelrun.reconciliation.replay.messaging;
