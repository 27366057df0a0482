/** The rule sets verdicts were decided with, stored immutably in PostgreSQL with every activation. */
package dev.parallelrun.reconciliation.rules.persistence;
