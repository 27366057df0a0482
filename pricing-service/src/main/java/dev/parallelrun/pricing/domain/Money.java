package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Premium amounts: exact decimals in whole cents. */
final class Money {

    static final int SCALE = 2;

    private Money() {
    }

    /**
     * A premium line's amount rounded to the cent, half-up: the tariff's own rounding, the same on both sides, so that
     * the lines and the net premium agree with legacy to the cent.
     */
    static BigDecimal cents(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
