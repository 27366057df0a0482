package dev.parallelrun.reconciliation.evidence.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The period an evidence pack covers, {@code [from, to)}, to the microsecond (what PostgreSQL keeps, so that a period
 * read back from a sign-off is the period that was signed).
 *
 * @param open whether the period has not ended yet ({@code to} was not given, or is not in the past): its evidence can
 *             still change, so its pack carries the current readiness evaluation and cannot be signed
 */
public record EvidencePeriod(Instant from, Instant to, boolean open) {

    /** The period when {@code from} is not given: the last seven days before {@code to}. */
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(7);
    /** The longest period one pack covers, which bounds what one request reads. */
    public static final Duration MAX_LENGTH = Duration.ofDays(366);

    public EvidencePeriod {
        from = from.truncatedTo(ChronoUnit.MICROS);
        to = to.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The period of the given bounds, either possibly {@code null} (defaults: {@code to} = now, {@code from} =
     * {@link #DEFAULT_LENGTH} before {@code to}).
     *
     * @throws InvalidPeriodException naming the bound that is wrong
     */
    public static EvidencePeriod of(Instant from, Instant to, Instant now) {
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_LENGTH) : from;
        EvidencePeriod period = new EvidencePeriod(start, end, to == null || !to.isBefore(now));
        if (!period.from().isBefore(period.to())) {
            throw new InvalidPeriodException("from", "must be before to (" + period.to() + ")");
        }
        if (Duration.between(period.from(), period.to()).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidPeriodException("from", "must be at most " + MAX_LENGTH.toDays() + " days before to");
        }
        return period;
    }

    /** A bound of a period that cannot be used. */
    public static final class InvalidPeriodException extends RuntimeException {
        private final String parameter;

        public InvalidPeriodException(String parameter, String problem) {
            super(parameter + " " + problem);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
