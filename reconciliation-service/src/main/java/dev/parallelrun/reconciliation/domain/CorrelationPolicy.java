package dev.parallelrun.reconciliation.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long reconciliation waits, per bounded context: the matching window for the counterpart, the
 * late grace after which a missing side is final, and how long a decided pair is remembered to
 * recognise duplicates.
 */
public record CorrelationPolicy(Timing defaults, Map<String, Timing> contexts, Duration duplicateRetention) {

    public CorrelationPolicy {
        Objects.requireNonNull(defaults);
        contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
        if (duplicateRetention == null || duplicateRetention.isNegative()) {
            throw new IllegalArgumentException("duplicate retention must be zero or positive");
        }
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
