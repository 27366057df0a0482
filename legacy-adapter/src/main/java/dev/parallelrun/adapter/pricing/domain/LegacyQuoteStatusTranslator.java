package dev.parallelrun.adapter.pricing.domain;

import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the legacy quote transaction's codes into canonical values: the overloaded {@code STATUS} (whose
 * {@code E7} means two things only {@code MSG} tells apart), the tax code, the discount reason codes and the
 * fixed-width promotion field. Unknown codes are refused rather than guessed: the legacy platform's semantics must not
 * leak into the canonical model unchecked.
 */
public final class LegacyQuoteStatusTranslator {

    static final String QUOTED = "Q1";
    static final String REFERRED = "Q2";
    static final String DECLINED = "E7";

    /** Width of the legacy promotion field: four 4-character slots. */
    static final int PROMOTION_FIELD_WIDTH = 16;
    private static final int PROMOTION_CODE_WIDTH = 4;
    private static final int DISCOUNT_CODE_WIDTH = 2;

    private static final Map<String, String> DECLINE_MESSAGES = Map.of(
            "RISK NOT INSURABLE", QuoteOutcome.UNINSURABLE,
            "LOB NOT OFFERED IN CTRY", QuoteOutcome.NOT_OFFERED);

    private static final Map<String, String> DISCOUNT_REASONS = Map.of(
            "01", "LOYALTY",
            "02", "MULTI_PRODUCT",
            "03", "ONLINE");

    private static final Pattern TAX_CODE = Pattern.compile("([A-Z]{2})(\\d{4})");
    private static final Pattern PROMOTION_CODE = Pattern.compile("[A-Z0-9]{4}");

    /**
     * Whether the status says the quote was priced: {@code Q1}, and {@code Q2} (referred to an underwriter, but fully
     * priced; the canonical outcome has no field for the referral); {@code false} for {@code E7}.
     *
     * @throws UnreadableLegacyAnswerException for any other status
     */
    public boolean isPriced(String status) {
        if (QUOTED.equals(status) || REFERRED.equals(status)) {
            return true;
        }
        if (DECLINED.equals(status)) {
            return false;
        }
        throw new UnreadableLegacyAnswerException("unknown STATUS '" + status + "'");
    }

    /** The canonical reason of an {@code E7} decline, read from its message: uninsurable or not offered. */
    public String declineReason(String message) {
        String reason = message == null ? null : DECLINE_MESSAGES.get(message.trim());
        if (reason == null) {
            throw new UnreadableLegacyAnswerException("unknown MSG '" + message + "' with STATUS " + DECLINED);
        }
        return reason;
    }

    /** The canonical tax basis of a tax code: {@code DE1900} is {@code DE-IPT-19}, {@code BE0925} is {@code BE-IPT-9.25}. */
    public String taxBasis(String taxCode) {
        Matcher code = TAX_CODE.matcher(taxCode == null ? "" : taxCode);
        if (!code.matches()) {
            throw new UnreadableLegacyAnswerException("TAX_CD is not a country and four digits: '" + taxCode + "'");
        }
        String percent = new BigDecimal(code.group(2)).movePointLeft(2).stripTrailingZeros().toPlainString();
        return code.group(1) + "-IPT-" + percent;
    }

    /** The canonical discount reasons of the concatenated 2-digit codes, in their order ({@code 0203}). */
    public List<String> discountReasons(String field) {
        String codes = field == null ? "" : field;
        if (codes.length() % DISCOUNT_CODE_WIDTH != 0) {
            throw new UnreadableLegacyAnswerException("DISC_RSN is not a sequence of 2-digit codes: '" + field + "'");
        }
        List<String> reasons = new ArrayList<>();
        for (int at = 0; at < codes.length(); at += DISCOUNT_CODE_WIDTH) {
            String reason = DISCOUNT_REASONS.get(codes.substring(at, at + DISCOUNT_CODE_WIDTH));
            if (reason == null || reasons.contains(reason)) {
                throw new UnreadableLegacyAnswerException("unknown or repeated DISC_RSN code in '" + field + "'");
            }
            reasons.add(reason);
        }
        return reasons;
    }

    /**
     * The promotion set of the fixed-width field: four 4-character slots, each a code or blank; blanks dropped
     * ({@code "MULTWEB2        "} is {@code [MULT, WEB2]}).
     */
    public Set<String> promotions(String field) {
        if (field == null || field.length() != PROMOTION_FIELD_WIDTH) {
            throw new UnreadableLegacyAnswerException("PROMO is not " + PROMOTION_FIELD_WIDTH + " characters wide: '"
                    + field + "'");
        }
        Set<String> promotions = new TreeSet<>();
        for (int at = 0; at < field.length(); at += PROMOTION_CODE_WIDTH) {
            String slot = field.substring(at, at + PROMOTION_CODE_WIDTH);
            if (slot.isBlank()) {
                continue;
            }
            if (!PROMOTION_CODE.matcher(slot).matches()) {
                throw new UnreadableLegacyAnswerException("PROMO slot '" + slot + "' is not a promotion code");
            }
            promotions.add(slot);
        }
        return promotions;
    }
}
