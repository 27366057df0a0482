package dev.parallelrun.legacysystem.pricing.domain;

/**
 * A discount: its 2-digit reason code ({@code DISC_RSN}), the promotion code that grants it ({@code PROMO}) and its
 * rate in percent. The rates of all discounts that apply add up, and apply to every premium line.
 */
public enum Discount {
    /** The customer is in segment {@code LOYL}. */
    LOYALTY("01", "LOY5", 5),
    /** At least two priced options. */
    MULTI_PRODUCT("02", "MULT", 3),
    /** Paperless documents ({@code EDOC}) requested. */
    ONLINE("03", "WEB2", 2);

    private final String reasonCode;
    private final String promotionCode;
    private final long percent;

    Discount(String reasonCode, String promotionCode, long percent) {
        this.reasonCode = reasonCode;
        this.promotionCode = promotionCode;
        this.percent = percent;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String promotionCode() {
        return promotionCode;
    }

    long percent() {
        return percent;
    }
}
