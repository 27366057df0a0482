/**
 * {@code /api/v1/cases/**}: the ops work queue over HTTP. Reads for every role, transitions for operators and admins
 * (the generic {@code /api/v1/**} rules of {@code ApiSecurityConfig}), each under {@code If-Match} so that two people
 * never overwrite each other's decision unseen; a case's verdict shows as the reconciliations API shows it.
 */
package dev.parallelrun.reconciliation.cases.web;
