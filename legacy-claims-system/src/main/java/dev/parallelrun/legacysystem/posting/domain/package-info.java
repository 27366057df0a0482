/**
 * What the platform did for real, in its own terms: the processing mode a request asks for ({@code MODE}: {@code POST}
 * or {@code SIMULATE}), and the postings and letters that only a real request makes, once per request key. Plain Java,
 * no framework types.
 */
package dev.parallelrun.legacysystem.posting.domain;
