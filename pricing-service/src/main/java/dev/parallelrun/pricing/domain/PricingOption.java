package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * An option a quote may include: a surcharge as a percentage of the base line, a fixed surcharge, or none
 * ({@code paperless}, which earns the online discount and the {@code EDOC} promotion instead).
 */
enum PricingOption {
    GLASS("glass", "8", null, null),
    THEFT("theft", "15", null, null),
    NATURAL_HAZARDS("natural-hazards", "12", null, null),
    ROADSIDE("roadside", null, "24.90", null),
    LEGAL("legal", null, "39.00", null),
    /**
     * Paperless documents. The new model also marks the quote with the promotion {@code EDOC}: a marketing flag for
     * the document channel, which grants no discount of its own (an accepted variance against legacy).
     */
    PAPERLESS("paperless", null, null, "EDOC");

    private final String code;
    private final BigDecimal percentOfBase;
    private final BigDecimal fixedPremium;
    private final String promotion;

    PricingOption(String code, String percentOfBase, String fixedPremium, String promotion) {
        this.code = code;
        this.percentOfBase = percentOfBase == null ? null : new BigDecimal(percentOfBase);
        this.fixedPremium = fixedPremium == null ? null : new BigDecimal(fixedPremium);
        this.promotion = promotion;
    }

    /** The option's canonical code, which also names its premium line. */
    String code() {
        return code;
    }

    /** Whether the option adds a premium line. */
    boolean isPriced() {
        return percentOfBase != null || fixedPremium != null;
    }

    /** The option's premium before discounts, rounded to the cent; only for a priced option. */
    BigDecimal premium(BigDecimal basePremium) {
        if (percentOfBase != null) {
            return Money.cents(basePremium.multiply(percentOfBase).movePointLeft(2));
        }
        if (fixedPremium != null) {
            return fixedPremium;
        }
        throw new IllegalStateException(code + " adds no premium line");
    }

    /** The promotion the option itself marks a quote with, if any. */
    Optional<String> promotion() {
        return Optional.ofNullable(promotion);
    }

    /** The option with this canonical code, case-insensitively. */
    static Optional<PricingOption> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        for (PricingOption option : values()) {
            if (option.code.equals(wanted)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
