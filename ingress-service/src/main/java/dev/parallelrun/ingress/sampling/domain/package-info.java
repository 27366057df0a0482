/**
 * Sampling of the parallel run, free of Spring: a rate per intent type in basis points, and the
 * deterministic choice of the intents in the sample by their correlation id.
 */
package dev.parallelrun.ingress.sampling.domain;
