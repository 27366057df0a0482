/**
 * The stand-in's durable memory in PostgreSQL (schema {@code legacy_system}, Flyway): the request journal that makes
 * it idempotent on {@code REQ_KEY} across restarts, and the posting journal of its bookings.
 */
package dev.parallelrun.legacysystem.claims.persistence;
