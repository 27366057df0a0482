/**
 * The HTTP client of the legacy pricing transaction: its path, and how to read its answer and its {@code 422}
 * refusal. Timeouts, retries, the legacy JSON and the call metrics are the shared {@code dev.parallelrun.adapter.legacy}'s.
 */
package dev.parallelrun.adapter.pricing.legacy;
