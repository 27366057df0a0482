package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A priced quote: its lines, the net premium (their sum), the tax on the net total and the gross premium the customer
 * pays ({@code net + tax}); the discounts in the order they apply and the set of promotions the quote carries.
 */
public record Premium(
        List<PremiumLine> lines,
        BigDecimal netPremium,
        String taxBasis,
        BigDecimal taxAmount,
        BigDecimal grossPremium,
        List<Discount> discounts,
        Set<String> promotions) {

    public Premium {
        lines = List.copyOf(lines);
        discounts = List.copyOf(discounts);
        promotions = Collections.unmodifiableSortedSet(new TreeSet<>(promotions));
    }
}
