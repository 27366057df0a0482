/**
 * The posting journal in PostgreSQL (schema {@code legacy_system}, Flyway): {@code posting} and {@code letter}, written
 * by each transaction's journal when it remembers a real decision, read by the witness endpoints.
 */
package dev.parallelrun.legacysystem.posting.persistence;
