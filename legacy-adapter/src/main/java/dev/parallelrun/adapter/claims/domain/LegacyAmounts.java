package dev.parallelrun.adapter.claims.domain;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The legacy money format, strings with exactly two decimals, to and from exact decimals. */
final class LegacyAmounts {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}\\.\\d{2}");

    private LegacyAmounts() {
    }

    /** Reads a legacy amount as a decimal of scale 2; refuses anything else. */
    static BigDecimal parse(String field, String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            throw new UnreadableLegacyAnswerException(field + " is not an amount with two decimals: '" + text + "'");
        }
        return new BigDecimal(text);
    }

    /** Writes a canonical amount in the legacy format; refuses more than two decimals instead of rounding. */
    static String format(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidClaimException("claimedAmount has more than two decimal places: " + amount.toPlainString());
        }
        return amount.setScale(2).toPlainString();
    }
}
