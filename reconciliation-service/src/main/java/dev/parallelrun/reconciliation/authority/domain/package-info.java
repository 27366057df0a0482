/**
 * The rules of moving authority between legacy and the new service, as plain Java: which decisions are promotions
 * (judged on readiness), which are rollbacks (always allowed), and which are refused.
 */
package dev.parallelrun.reconciliation.authority.domain;
