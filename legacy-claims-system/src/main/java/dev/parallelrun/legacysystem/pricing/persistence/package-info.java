/** The pricing transaction's durable memory in PostgreSQL (schema {@code legacy_system}): the quote journal. */
package dev.parallelrun.legacysystem.pricing.persistence;
