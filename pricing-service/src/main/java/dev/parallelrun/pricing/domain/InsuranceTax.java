package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Insurance premium tax per country, in percent of the net premium. The new model taxes the quote's net total once,
 * rounded half-even to the cent (legacy taxes and rounds every line, then sums).
 */
enum InsuranceTax {
    DE("19"),
    AT("11"),
    FR("9"),
    NL("21"),
    BE("9.25"),
    CH("5");

    private final BigDecimal percent;

    InsuranceTax(String percent) {
        this.percent = new BigDecimal(percent);
    }

    /** The canonical tax basis: country, {@code -IPT-}, the rate in percent, e.g. {@code DE-IPT-19}, {@code BE-IPT-9.25}. */
    String basis() {
        return name() + "-IPT-" + percent.stripTrailingZeros().toPlainString();
    }

    /** The tax on a net premium, rounded once, half-even, to the cent. */
    BigDecimal on(BigDecimal netPremium) {
        return netPremium.multiply(percent).movePointLeft(2).setScale(Money.SCALE, RoundingMode.HALF_EVEN);
    }

    static Optional<InsuranceTax> in(String country) {
        for (InsuranceTax tax : values()) {
            if (tax.name().equals(country)) {
                return Optional.of(tax);
            }
        }
        return Optional.empty();
    }
}
