/**
 * The legacy platform's vocabulary that every legacy transaction shares (claims and pricing alike): its money format,
 * why a call got no usable answer, the signal of an answer outside the wire format. Plain Java, no framework types;
 * each context's {@code domain} builds on it instead of keeping a copy.
 */
package dev.parallelrun.adapter.shared.domain;
