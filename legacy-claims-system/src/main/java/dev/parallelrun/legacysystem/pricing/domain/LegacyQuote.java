package dev.parallelrun.legacysystem.pricing.domain;

import java.util.List;

/**
 * What the legacy platform answers for one quote request. Amounts are integer cents; a declined quote ({@code E7})
 * has no lines, no tax code, no discounts and zero amounts.
 *
 * @param quoteRef the platform's own reference of the quote, generated when it is first priced
 * @param discounts in the order the platform lists them: loyalty, multi-product, online
 * @param message why a quote was referred or declined; blank when quoted
 */
public record LegacyQuote(
        String quoteNo,
        QuoteStatus status,
        String quoteRef,
        String currency,
        List<PremiumLine> lines,
        long netCents,
        long taxCents,
        long grossCents,
        String taxCode,
        List<Discount> discounts,
        String message) {

    /** Width of the promotion field: four 4-character slots. */
    public static final int PROMOTION_FIELD_WIDTH = 16;

    public LegacyQuote {
        lines = List.copyOf(lines);
        discounts = List.copyOf(discounts);
    }

    /**
     * Whether pricing this quote for real posts it (journals it under its quote reference and sends the quote letter):
     * a quoted or referred quote; a declined one posts nothing.
     */
    public boolean posts() {
        return status != QuoteStatus.DECLINED;
    }

    /** The discounts' 2-digit reason codes concatenated, e.g. {@code 0203}; blank without discounts. */
    public String discountReasonField() {
        StringBuilder field = new StringBuilder();
        discounts.forEach(discount -> field.append(discount.reasonCode()));
        return field.toString();
    }

    /** The promotion codes concatenated and padded with spaces to the field's fixed width, e.g. {@code "MULTWEB2        "}. */
    public String promotionField() {
        StringBuilder field = new StringBuilder();
        discounts.forEach(discount -> field.append(discount.promotionCode()));
        return String.format("%-" + PROMOTION_FIELD_WIDTH + "s", field);
    }
}
