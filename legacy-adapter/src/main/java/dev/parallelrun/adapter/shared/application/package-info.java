/**
 * What every legacy handler shares, whichever its bounded context: reading and checking its intent, the legacy
 * request key, asking the side-effect gate before legacy (which has no simulate mode yet) is called, counting the
 * outcomes. No transport, no persistence.
 */
package dev.parallelrun.adapter.shared.application;
