package dev.parallelrun.pricing.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tariff of a line of business: the base rate per country in per mille of the insured sum, the insured sum above
 * which a quote is referred to an underwriter, and the largest insurable sum. A country without a rate is not
 * offered.
 */
enum ProductLine {
    HOME("home", Map.of("DE", "1.45", "AT", "1.32", "FR", "1.58", "NL", "1.51", "BE", "1.49"),
            "1000000.00", "3000000.00"),
    MOTOR("motor", Map.of("DE", "28.00", "AT", "26.50", "FR", "31.00", "NL", "29.00", "BE", "30.50", "CH", "25.00"),
            "100000.00", "300000.00"),
    TRAVEL("travel", Map.of("DE", "9.00", "AT", "9.00", "FR", "9.50", "NL", "9.00", "BE", "9.00", "CH", "10.00"),
            "20000.00", "50000.00");

    private final String code;
    private final Map<String, BigDecimal> perMilleByCountry;
    private final BigDecimal referralAbove;
    private final BigDecimal maximum;

    ProductLine(String code, Map<String, String> perMilleByCountry, String referralAbove, String maximum) {
        this.code = code;
        this.perMilleByCountry = Map.copyOf(perMilleByCountry.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> new BigDecimal(entry.getValue()))));
        this.referralAbove = new BigDecimal(referralAbove);
        this.maximum = new BigDecimal(maximum);
    }

    /** The base rate in the country, in per mille of the insured sum; empty when the line is not offered there. */
    Optional<BigDecimal> perMilleIn(String country) {
        return Optional.ofNullable(perMilleByCountry.get(country));
    }

    boolean refersToUnderwriter(BigDecimal insuredSum) {
        return insuredSum.compareTo(referralAbove) > 0;
    }

    boolean isInsurable(BigDecimal insuredSum) {
        return insuredSum.compareTo(maximum) <= 0;
    }

    /** The line with this canonical code, case-insensitively. */
    static Optional<ProductLine> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        for (ProductLine line : values()) {
            if (line.code.equals(wanted)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
