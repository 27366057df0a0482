package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;

/**
 * One line of a quote: {@code base} or an option's code, its premium before discounts and its net premium after
 * them, each rounded to the cent. Lines carry no tax: the quote is taxed on its net total.
 */
public record PremiumLine(String code, BigDecimal premium, BigDecimal net) {

    static final String BASE = "base";
}
