/**
 * The HTTP client of the legacy claims transaction: its path and how to read its answer. Timeouts, retries, the legacy
 * JSON and the call metrics are the shared {@code dev.parallelrun.adapter.legacy}'s.
 */
package dev.parallelrun.adapter.claims.legacy;
