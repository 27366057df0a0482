/**
 * The evidence's ports on storage: its own sign-offs (append-only), and reads of what other features store (verdict
 * counts through the verdict store, rule sets through the rule-set store, authority decisions from the authority
 * feature's table). The evidence only reads what it did not write.
 */
package dev.parallelrun.reconciliation.evidence.persistence;
