/**
 * The HTTP client of the legacy platform: its wire format, connect and read timeouts, bounded
 * retries of technical failures only, and the call metrics.
 */
package dev.parallelrun.adapter.claims.legacy;
