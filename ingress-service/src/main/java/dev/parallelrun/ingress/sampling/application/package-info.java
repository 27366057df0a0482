/** Setting and applying the sampling rates: the cached read of the rates and the port they are kept behind. */
package dev.parallelrun.ingress.sampling.application;
