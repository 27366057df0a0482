/** Authority decisions onto the compacted {@code authority.decisions.v1}, with the relay that makes sure none is lost. */
package dev.parallelrun.reconciliation.authority.messaging;
