/**
 * What every legacy transaction's HTTP client shares: the legacy JSON, connect and read timeouts, bounded retries of
 * technical failures only, their classification and the call metrics. Each context's {@code legacy} package holds only
 * its transaction's path and how to read its answer.
 */
package dev.parallelrun.adapter.legacy;
