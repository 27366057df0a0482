/**
 * The ingress service: the HTTP entry of business intents into the parallel run. Features: {@code intent}
 * (accepting and publishing intents) and {@code channel} (who may post, authenticated by API key).
 */
package dev.parallelrun.ingress;
