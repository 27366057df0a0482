/** Background work the service keeps running while it is up: relays, gauges refreshed from the database, monitors. */
package dev.parallelrun.reconciliation.scheduling;
