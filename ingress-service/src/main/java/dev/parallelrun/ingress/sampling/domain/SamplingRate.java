package dev.parallelrun.ingress.sampling.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The share of one intent type's intents that the new service processes, in basis points (1/100 of a
 * percent): 10,000 is all of them, 0 none.
 */
public record SamplingRate(String boundedContext, String intentType, int basisPoints) {

    /** All intents: the rate of an intent type nobody set one for. */
    public static final int ALL = 10_000;

    private static final BigDecimal BASIS_POINTS_PER_PERCENT = BigDecimal.valueOf(100);

    public SamplingRate {
        Objects.requireNonNull(boundedContext, "boundedContext");
        Objects.requireNonNull(intentType, "intentType");
        if (basisPoints < 0 || basisPoints > ALL) {
            throw new IllegalArgumentException("a sampling rate is between 0 and 10000 basis points: " + basisPoints);
        }
    }

    /**
     * The rate of a percentage, exactly.
     *
     * @throws IllegalArgumentException when the percentage is outside 0..100 or has more than two decimal places
     */
    public static SamplingRate ofPercent(String boundedContext, String intentType, BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("percent must be between 0 and 100, not " + percent.toPlainString());
        }
        if (percent.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("percent must have at most 2 decimal places (a basis point), not "
                    + percent.toPlainString());
        }
        return new SamplingRate(boundedContext, intentType,
                percent.multiply(BASIS_POINTS_PER_PERCENT).intValueExact());
    }

    /** The rate as a percentage without trailing zeros, e.g. {@code 25.5} or {@code 100} (never {@code 1E+2}). */
    public BigDecimal percent() {
        BigDecimal percent = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    /** Whether the intent with that correlation id is in the sample at this rate. */
    public boolean selects(String correlationId) {
        return SampleSelection.inSample(correlationId, basisPoints);
    }
}
