/** PostgreSQL adapters (schema {@code claims_service}, Flyway): processed intents and gated side effects. */
package dev.parallelrun.claims.persistence;
