/**
 * The legacy attempt log in PostgreSQL (schema {@code legacy_adapter}, managed by Flyway): the request key each intent
 * is sent to legacy with, on the participant kit's {@code processed_intent} table.
 */
package dev.parallelrun.adapter.claims.persistence;
