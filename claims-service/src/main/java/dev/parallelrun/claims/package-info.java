/**
 * The new claims microservice, running in shadow mode: it decides every submitted claim the new way,
 * publishes its outcomes for reconciliation and gates its side effects until it is made authoritative.
 */
package dev.parallelrun.claims;
