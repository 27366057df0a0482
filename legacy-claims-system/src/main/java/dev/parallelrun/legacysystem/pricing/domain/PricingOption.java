package dev.parallelrun.legacysystem.pricing.domain;

/**
 * An option ({@code OPTS}, 4 characters each): a surcharge as a percentage of the base premium, a fixed amount, or
 * nothing ({@code EDOC}, paperless documents, which earns the online discount instead).
 */
enum PricingOption {
    GLAS(8, 0),
    THEF(15, 0),
    ELEM(12, 0),
    ROAD(0, 24_90),
    LEGL(0, 39_00),
    EDOC(0, 0);

    static final int CODE_WIDTH = 4;

    private final long percentOfBase;
    private final long fixedCents;

    PricingOption(long percentOfBase, long fixedCents) {
        this.percentOfBase = percentOfBase;
        this.fixedCents = fixedCents;
    }

    /** Whether the option adds a premium line. */
    boolean isPriced() {
        return percentOfBase > 0 || fixedCents > 0;
    }

    /** The option's premium line before discounts, in cents, rounded half-up. */
    long premiumCents(long basePremiumCents) {
        return percentOfBase > 0 ? LegacyRounding.halfUp(basePremiumCents * percentOfBase, 100) : fixedCents;
    }

    static PricingOption of(String code) {
        for (PricingOption option : values()) {
            if (option.name().equals(code)) {
                return option;
            }
        }
        return null;
    }
}
