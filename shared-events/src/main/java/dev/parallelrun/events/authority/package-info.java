/**
 * The authority model every service agrees on: the stages a context moves through, the cohorts of a selective stage,
 * and the decision event on {@code authority.decisions.v1} from which the ingress stamps each intent and
 * reconciliation answers "who was authoritative for this intent".
 */
package dev.parallelrun.events.authority;
