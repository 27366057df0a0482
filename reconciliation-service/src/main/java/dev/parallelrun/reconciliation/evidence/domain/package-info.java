/**
 * What makes an evidence pack verifiable without this service: its canonical JSON form and the digest over it.
 * Pure functions of a JSON tree, so that anyone can recompute a digest from a pack they were given.
 */
package dev.parallelrun.reconciliation.evidence.domain;
