package dev.parallelrun.legacysystem.pricing.domain;

/**
 * One line of a quote: {@code BASE} or an option code, its premium before discounts, its net premium after them,
 * and the tax on it; all in cents, each rounded half-up on its own.
 */
public record PremiumLine(String code, long premiumCents, long netCents, long taxCents) {

    static final String BASE = "BASE";
}
