package dev.parallelrun.legacysystem.pricing.domain;

/** The legacy platform's rounding: whole cents, half-up, on non-negative amounts only. */
final class LegacyRounding {

    private LegacyRounding() {
    }

    /** {@code numerator / denominator} rounded half-up, both non-negative. */
    static long halfUp(long numerator, long denominator) {
        if (numerator < 0 || denominator <= 0) {
            throw new IllegalArgumentException("legacy rounding is for non-negative amounts: " + numerator + "/" + denominator);
        }
        return Math.addExact(Math.multiplyExact(numerator, 2), denominator) / Math.multiplyExact(denominator, 2);
    }
}
