/** The processed-intent log in PostgreSQL (schema {@code legacy_adapter}, managed by Flyway). */
package dev.parallelrun.adapter.claims.persistence;
