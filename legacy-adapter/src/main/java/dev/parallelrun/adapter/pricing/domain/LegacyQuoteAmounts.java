package dev.parallelrun.adapter.pricing.domain;

import dev.parallelrun.adapter.claims.domain.UnreadableLegacyAnswerException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The legacy money format in the quote transaction: strings with exactly two decimals, to and from exact decimals. */
final class LegacyQuoteAmounts {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}\\.\\d{2}");

    private LegacyQuoteAmounts() {
    }

    /** Reads a legacy amount as a decimal of scale 2; refuses anything else. */
    static BigDecimal parse(String field, String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            throw new UnreadableLegacyAnswerException(field + " is not an amount with two decimals: '" + text + "'");
        }
        return new BigDecimal(text);
    }

    /** Writes a canonical amount in the legacy format; refuses more than two decimals instead of rounding. */
    static String format(String field, BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidQuoteException(field + " has more than two decimal places: " + amount.toPlainString());
        }
        return amount.setScale(2).toPlainString();
    }
}
