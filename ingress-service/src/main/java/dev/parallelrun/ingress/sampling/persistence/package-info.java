/** The sampling rates in PostgreSQL, so every ingress instance applies the same ones. */
package dev.parallelrun.ingress.sampling.persistence;
