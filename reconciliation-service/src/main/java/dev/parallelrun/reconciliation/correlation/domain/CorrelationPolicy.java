package dev.parallelrun.reconciliation.correlation.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long reconciliation waits, per bounded context: the matching window for the counterpart, the
 * late grace after which a missing side is final, and how long a decided pair is remembered to
 * recognise duplicates. All of these are measured in event time (when the sides answered), not in
 * when reconciliation got round to reading them.
 *
 * @param duplicateRetention how long a decided pair is remembered in full (its verdict, to supersede or
 *                           count a late duplicate)
 * @param duplicateHorizon   how long a decided pair is remembered at all, compactly (its key), so that
 *                           a participant's redelivery within its own retention (14 days for the legacy
 *                           adapter) is dropped as a duplicate and never decided again
 * @param idleAfter          with no record for this long, the partition counts as caught up and idle:
 *                           the wall clock, not the last answer seen, then says how far event time has got
 */
public record CorrelationPolicy(Timing defaults, Map<String, Timing> contexts, Duration duplicateRetention,
        Duration duplicateHorizon, Duration idleAfter) {

    public static final Duration DEFAULT_DUPLICATE_HORIZON = Duration.ofDays(14);
    public static final Duration DEFAULT_IDLE_AFTER = Duration.ofSeconds(10);

    public CorrelationPolicy {
        Objects.requireNonNull(defaults);
        contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
        if (duplicateRetention == null || duplicateRetention.isNegative()) {
            throw new IllegalArgumentException("duplicate retention must be zero or positive");
        }
        if (duplicateHorizon == null || duplicateHorizon.compareTo(duplicateRetention) < 0) {
            throw new IllegalArgumentException("duplicate horizon must be at least the duplicate retention");
        }
        if (idleAfter == null || idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idle-after must be positive");
        }
    }

    public CorrelationPolicy(Timing defaults, Map<String, Timing> contexts, Duration duplicateRetention) {
        this(defaults, contexts, duplicateRetention, DEFAULT_DUPLICATE_HORIZON.compareTo(duplicateRetention) < 0
                ? duplicateRetention : DEFAULT_DUPLICATE_HORIZON, DEFAULT_IDLE_AFTER);
    }

    public Timing timing(String context) {
        return contexts.getOrDefault(context, defaults);
    }

    /** The window within which the counterpart is expected, and the grace after it for late arrivals. */
    public record Timing(Duration window, Duration grace) {
        public Timing {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("matching window must be positive");
            }
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("late grace must be zero or positive");
            }
        }
    }
}
