/**
 * Kafka adapters: the intent listener, the outcome publisher, the topic declarations and the
 * dead-letter handling of poison records.
 */
package dev.parallelrun.claims.messaging;
