/**
 * Access you can prove: every read of verdicts, cases and evidence by a person (an authenticated API user, never the
 * metrics scraper, never anonymous) is recorded in an append-only log (who, with which roles, what, when, with which
 * answer), and admins query that log at {@code GET /api/v1/access-log}. Who may do what is decided in
 * {@code config.ApiSecurityConfig} and pinned, endpoint by endpoint, in the test resource {@code access-matrix.csv}.
 */
package dev.parallelrun.reconciliation.access;
