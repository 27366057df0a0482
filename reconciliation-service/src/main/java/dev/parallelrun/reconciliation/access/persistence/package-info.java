/** The access log in PostgreSQL ({@code access_log}, Flyway V11), which refuses updates and deletes by trigger. */
package dev.parallelrun.reconciliation.access.persistence;
