/**
 * The service's wiring: the framework-free domain and the API's security. Its configuration is the participant kit's
 * {@code participant.*} record (docs/participant-kit.md).
 */
package dev.parallelrun.claims.config;
