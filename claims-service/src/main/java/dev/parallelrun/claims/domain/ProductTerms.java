package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.util.Locale;

/** Deductible and coverage rate of a product line. */
record ProductTerms(BigDecimal deductible, BigDecimal coverageRate) {

    private static final ProductTerms MOTOR = new ProductTerms(new BigDecimal("150.00"), new BigDecimal("0.90"));
    private static final ProductTerms HOME = new ProductTerms(new BigDecimal("250.00"), new BigDecimal("0.85"));
    private static final ProductTerms TRAVEL = new ProductTerms(new BigDecimal("50.00"), new BigDecimal("1.00"));
    private static final ProductTerms OTHER = new ProductTerms(new BigDecimal("100.00"), new BigDecimal("0.80"));

    static ProductTerms of(String productLine) {
        return switch (productLine.trim().toLowerCase(Locale.ROOT)) {
            case "motor" -> MOTOR;
            case "home" -> HOME;
            case "travel" -> TRAVEL;
            default -> OTHER;
        };
    }
}
