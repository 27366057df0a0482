/**
 * The access log's HTTP side: the recorder that writes an entry after every read of verdicts, cases and evidence by a
 * person, and {@code GET /api/v1/access-log} (admins only) that reads it back.
 */
package dev.parallelrun.reconciliation.access.web;
