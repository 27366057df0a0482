/** The auditor and ops HTTP API. */
package dev.parallelrun.reconciliation.web;
