/**
 * Configuration of the adapter: the legacy client and its properties, the API's security. Everything a participant
 * shares (Kafka, dead letters, idempotency, retention) is the participant kit's {@code participant.*}.
 */
package dev.parallelrun.adapter.config;
