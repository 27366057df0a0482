package dev.parallelrun.adapter.shared.domain;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The legacy money format, strings with exactly two decimals, to and from exact decimals: the same in every legacy
 * transaction (claims' amounts, pricing's premiums).
 */
public final class LegacyAmounts {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}\\.\\d{2}");

    private LegacyAmounts() {
    }

    /** Reads a legacy amount as a decimal of scale 2; refuses anything else as an unreadable answer. */
    public static BigDecimal parse(String field, String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            throw new UnreadableLegacyAnswerException(field + " is not an amount with two decimals: '" + text + "'");
        }
        return new BigDecimal(text);
    }

    /**
     * Writes a canonical amount in the legacy format; refuses more than two decimals instead of rounding.
     *
     * @param refusal the exception of the caller's context for an amount the format cannot hold, given its message
     */
    public static String format(String field, BigDecimal amount, Function<String, ? extends RuntimeException> refusal) {
        if (amount.stripTrailingZeros().scale() > 2) {
            throw refusal.apply(field + " has more than two decimal places: " + amount.toPlainString());
        }
        return amount.setScale(2).toPlainString();
    }
}
