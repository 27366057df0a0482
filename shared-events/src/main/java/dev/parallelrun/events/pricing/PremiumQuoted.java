package dev.parallelrun.events.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Outcome: a side priced the quote. {@code netPremium} is the premium after discounts and before tax,
 * {@code grossPremium} what the customer pays ({@code netPremium + taxAmount}); {@code taxBasis} names the tax
 * applied, e.g. {@code DE-IPT-19}. {@code discountReasons} are listed in the order the discounts apply;
 * {@code promotions} is a set, written sorted so that equal sets are equal on the wire.
 *
 * <p>{@code quoteReference} is the issuer's own reference for this quote (legacy's {@code QUOTE_REF}, the new
 * service's generated reference). It is generated per pricing, so two pricings of the same request differ in it: it
 * names a quote, it is not part of what was decided.
 */
public record PremiumQuoted(
        String quoteId,
        String quoteReference,
        BigDecimal grossPremium,
        BigDecimal netPremium,
        String taxBasis,
        BigDecimal taxAmount,
        String currency,
        List<String> discountReasons,
        Set<String> promotions) {

    public PremiumQuoted {
        discountReasons = discountReasons == null ? List.of() : List.copyOf(discountReasons);
        promotions = promotions == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(promotions));
    }
}
