package dev.parallelrun.legacysystem.pricing.domain;

/** The customer segment ({@code SEG}): a factor on the base premium, in percent; loyal customers earn a discount. */
enum CustomerSegment {
    PRIV(100),
    LOYL(100),
    YOUN(135),
    BUSI(120);

    private final long factorPercent;

    CustomerSegment(long factorPercent) {
        this.factorPercent = factorPercent;
    }

    long factorPercent() {
        return factorPercent;
    }

    static CustomerSegment of(String code) {
        for (CustomerSegment segment : values()) {
            if (segment.name().equals(code)) {
                return segment;
            }
        }
        return null;
    }
}
