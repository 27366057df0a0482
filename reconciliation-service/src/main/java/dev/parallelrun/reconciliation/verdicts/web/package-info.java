/** The auditor and ops API over verdicts: lists, one transaction's verdicts with their history, match rates. */
package dev.parallelrun.reconciliation.verdicts.web;
