/**
 * The verdict store in PostgreSQL (batched idempotent writes and the auditor's queries) and the intents sampling
 * left out, which the match rates name beside the verdicts they rest on.
 */
package dev.parallelrun.reconciliation.verdicts.persistence;
