package dev.parallelrun.legacysystem.claims.domain;

import java.util.Locale;

/** Deductible and coverage rate per line of business ({@code LOB}). */
enum ProductTerms {
    MOTOR(150_00, 90),
    HOME(250_00, 85),
    TRAVEL(50_00, 100),
    OTHER(100_00, 80);

    private final long deductibleCents;
    private final long coveragePercent;

    ProductTerms(long deductibleCents, long coveragePercent) {
        this.deductibleCents = deductibleCents;
        this.coveragePercent = coveragePercent;
    }

    long deductibleCents() {
        return deductibleCents;
    }

    long coveragePercent() {
        return coveragePercent;
    }

    static ProductTerms of(String lob) {
        return switch (lob.trim().toUpperCase(Locale.ROOT)) {
            case "MOTOR" -> MOTOR;
            case "HOME" -> HOME;
            case "TRAVEL" -> TRAVEL;
            default -> OTHER;
        };
    }
}
