/**
 * The stand-in's durable request journals in PostgreSQL, shared by its transactions (claims, pricing): one row per
 * {@code REQ_KEY} that counts the calls and remembers the first answer.
 */
package dev.parallelrun.legacysystem.journal;
