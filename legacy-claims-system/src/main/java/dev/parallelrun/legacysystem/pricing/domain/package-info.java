/**
 * The legacy platform's pricing rules in its own terms: a tariff per line of business and country, whole cents
 * rounded half-up on every premium line, insurance tax rounded per line, fixed-width code fields and the overloaded
 * {@code STATUS} ({@code Q1}, {@code Q2}, {@code E7}). Plain Java, no framework types.
 */
package dev.parallelrun.legacysystem.pricing.domain;
