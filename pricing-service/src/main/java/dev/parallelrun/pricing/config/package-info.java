/**
 * The service's wiring: the framework-free premium model and the API's security. Its configuration is the
 * participant kit's {@code participant.*} record.
 */
package dev.parallelrun.pricing.config;
