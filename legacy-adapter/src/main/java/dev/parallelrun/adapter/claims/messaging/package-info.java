/** Kafka transport: the intent listener and the outcome publisher, thin on purpose. */
package dev.parallelrun.adapter.claims.messaging;
