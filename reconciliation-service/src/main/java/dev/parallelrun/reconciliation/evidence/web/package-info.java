/**
 * The evidence API: the pack as JSON (for machines and for recomputing its digest) or as a printable HTML report (for
 * the people who sign it), and the sign-offs. Every read by a person is logged with who read what.
 */
package dev.parallelrun.reconciliation.evidence.web;
