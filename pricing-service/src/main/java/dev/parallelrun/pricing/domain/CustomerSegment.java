package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** The customer segment: a factor on the base premium; loyal customers also earn the loyalty discount. */
enum CustomerSegment {
    PRIVATE("private", "1.00"),
    LOYAL("loyal", "1.00"),
    YOUNG("young", "1.35"),
    BUSINESS("business", "1.20");

    private final String code;
    private final BigDecimal factor;

    CustomerSegment(String code, String factor) {
        this.code = code;
        this.factor = new BigDecimal(factor);
    }

    BigDecimal factor() {
        return factor;
    }

    /** The segment with this canonical code, case-insensitively. */
    static Optional<CustomerSegment> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        for (CustomerSegment segment : values()) {
            if (segment.code.equals(wanted)) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }
}
