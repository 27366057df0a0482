/**
 * The read-only HTTP API: inspect the side effects the gate recorded. Internal and unauthenticated by
 * choice: it reads, never writes, and the stored payloads hold no personal data; put it behind the
 * network boundary (or a gateway) like the actuator endpoints.
 */
package dev.parallelrun.claims.web;
