/** The service's configuration ({@code ingress.*}) and the wiring of the intent use case. */
package dev.parallelrun.ingress.config;
