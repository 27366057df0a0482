package dev.parallelrun.legacysystem.pricing.domain;

/**
 * Insurance premium tax per country, in basis points of the net premium. The legacy tax code ({@code TAX_CD}) is
 * the country followed by the basis points in four digits, e.g. {@code DE1900}, {@code BE0925}.
 */
enum InsuranceTax {
    DE(1_900),
    AT(1_100),
    FR(900),
    NL(2_100),
    BE(925),
    CH(500);

    private final long basisPoints;

    InsuranceTax(long basisPoints) {
        this.basisPoints = basisPoints;
    }

    String code() {
        return name() + String.format("%04d", basisPoints);
    }

    /** The tax on one line, rounded half-up to cents: the legacy platform taxes line by line. */
    long onLine(long netCents) {
        return LegacyRounding.halfUp(netCents * basisPoints, 10_000);
    }

    static InsuranceTax of(String country) {
        for (InsuranceTax tax : values()) {
            if (tax.name().equals(country)) {
                return tax;
            }
        }
        return null;
    }
}
