/** The authority decision log in PostgreSQL: append-only, the record of who was authoritative when. */
package dev.parallelrun.reconciliation.authority.persistence;
