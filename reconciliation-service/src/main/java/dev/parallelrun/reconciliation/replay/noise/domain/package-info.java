/**
 * The pure analysis of a noise run: the same input given twice to each side, and, per field path and side, how often
 * the two answers differ. A field that differs between two runs of the same input on one side cannot tell the sides
 * apart either: comparing it live yields mismatches that are noise, not defects. The analysis says which fields those
 * are and suggests the rule that keeps them out of the verdicts ({@code ignore}, or a {@code numeric} tolerance when
 * the noise is only in a number). No Spring, no Kafka, no database: running the noise run and storing its report is
 * someone else's.
 */
package dev.parallelrun.reconciliation.replay.noise.domain;
