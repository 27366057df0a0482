/**
 * What every legacy handler shares, whichever its bounded context: reading and checking its intent, the legacy
 * request key, asking the side-effect gate whether legacy runs the intent for real or simulates it, counting the
 * outcomes. No transport, no persistence.
 */
package dev.parallelrun.adapter.shared.application;
