/**
 * The read-only HTTP API: the side effects the gate recorded for a quote, for auditors (HTTP Basic, see
 * {@code config.ApiSecurityConfig}). Its payloads hold no personal data.
 */
package dev.parallelrun.pricing.web;
