package dev.parallelrun.legacysystem.pricing.domain;

import java.util.Map;

/**
 * The tariff of a line of business ({@code LOB}): the base rate per country in hundredths of a per mille of the
 * insured sum (145 = 1.45 ‰), the insured sum above which a quote is referred to an underwriter, and the maximum
 * insurable sum. A country missing from the rates is not offered.
 */
enum ProductLine {
    HOME(Map.of("DE", 145, "AT", 132, "FR", 158, "NL", 151, "BE", 149), 1_000_000_00L, 3_000_000_00L),
    MOTOR(Map.of("DE", 2_800, "AT", 2_650, "FR", 3_100, "NL", 2_900, "BE", 3_050, "CH", 2_500), 100_000_00L, 300_000_00L),
    TRAVEL(Map.of("DE", 900, "AT", 900, "FR", 950, "NL", 900, "BE", 900, "CH", 1_000), 20_000_00L, 50_000_00L);

    /** The base rates' denominator: hundredths of a per mille. */
    static final long RATE_SCALE = 100_000;

    private final Map<String, Integer> ratesByCountry;
    private final long referralAboveCents;
    private final long maximumCents;

    ProductLine(Map<String, Integer> ratesByCountry, long referralAboveCents, long maximumCents) {
        this.ratesByCountry = ratesByCountry;
        this.referralAboveCents = referralAboveCents;
        this.maximumCents = maximumCents;
    }

    /** The base rate in the country, or {@code null} when the line is not offered there. */
    Integer rateIn(String country) {
        return ratesByCountry.get(country);
    }

    long referralAboveCents() {
        return referralAboveCents;
    }

    long maximumCents() {
        return maximumCents;
    }

    /** The line named by the code, or {@code null}. */
    static ProductLine of(String code) {
        for (ProductLine line : values()) {
            if (line.name().equals(code)) {
                return line;
            }
        }
        return null;
    }
}
