package dev.parallelrun.legacysystem.claims.domain;

import java.util.regex.Pattern;

/**
 * The legacy platform's money format: strings with exactly two decimals, held as integer cents.
 * No binary floating point and no {@code BigDecimal}: the old platform computes in whole cents.
 */
public final class LegacyAmounts {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}\\.\\d{2}");

    private LegacyAmounts() {
    }

    /** Whether the text is an amount in the legacy format, e.g. {@code 1234.56}. */
    public static boolean isAmount(String text) {
        return text != null && AMOUNT.matcher(text).matches();
    }

    /** Parses an amount in the legacy format into cents. */
    public static long parseCents(String text) {
        if (!isAmount(text)) {
            throw new IllegalArgumentException("not a legacy amount: " + text);
        }
        int dot = text.indexOf('.');
        return Long.parseLong(text.substring(0, dot)) * 100 + Long.parseLong(text.substring(dot + 1));
    }

    /** Formats cents as an amount with two decimals, e.g. {@code 97619} as {@code 976.19}. */
    public static String format(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative amount: " + cents);
        }
        long fraction = cents % 100;
        return (cents / 100) + "." + (fraction < 10 ? "0" : "") + fraction;
    }

    /**
     * {@code cents × percent / 100}, rounded half-up to whole cents: the legacy platform's rounding.
     * Only for non-negative amounts and rates, which are all it ever multiplies.
     */
    static long percentOfHalfUp(long cents, long percent) {
        return Math.addExact(Math.multiplyExact(cents, percent), 50) / 100;
    }
}
