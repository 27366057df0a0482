/** Idempotency records in PostgreSQL (schema {@code ingress}, managed by Flyway) and their expiry. */
package dev.parallelrun.ingress.intent.persistence;
