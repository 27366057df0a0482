package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;

/**
 * A discount: its rate in percent and the promotion code that grants it. The rates of every discount that applies add
 * up and reduce every premium line. Declared in the order quotes list them; the name is the canonical discount reason.
 */
public enum Discount {
    /** The customer is in segment {@code loyal}. */
    LOYALTY("5", "LOY5"),
    /** At least two priced options. */
    MULTI_PRODUCT("3", "MULT"),
    /** Paperless documents requested. */
    ONLINE("2", "WEB2");

    private final BigDecimal percent;
    private final String promotion;

    Discount(String percent, String promotion) {
        this.percent = new BigDecimal(percent);
        this.promotion = promotion;
    }

    BigDecimal percent() {
        return percent;
    }

    /** The promotion code that grants the discount. */
    public String promotion() {
        return promotion;
    }
}
