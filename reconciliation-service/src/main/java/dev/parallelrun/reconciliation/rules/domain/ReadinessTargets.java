package dev.parallelrun.reconciliation.rules.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a context's evidence must show before authority may move one step further (the rule set's {@code readiness:}
 * section, docs/rules.md). A rule set without the section gets {@link #DEFAULTS}: a day's window, 200 counted verdicts
 * per outcome type, the last 4 hours each on target, 50 counted verdicts per cohort being promoted, and no target of
 * its own per outcome type (the configured match-rate target of the context applies).
 *
 * @param evaluationWindow    the match rate, volume, critical divergences and variances are judged over this window
 * @param minimumVolume       counted (agree + disagree) verdicts each outcome type needs within the window
 * @param sustainedHours      every one of the last N full hours must be on target (an hour without a counted verdict
 *                            fails); 0 switches the criterion off
 * @param cohortMinimumVolume counted verdicts each cohort being promoted needs per outcome type within the window
 * @param targets             the match rate each outcome type must reach, 0..1; an outcome type not listed takes the
 *                            context's configured target
 * @param latencyFactor       how much slower than legacy the new service may be: per outcome type, its p99 processing
 *                            latency over the window must not exceed this many times legacy's (positive); {@code null}
 *                            (the default) leaves latency out of readiness, since not every context has a latency worth
 *                            gating on and a factor nobody chose would be a guess
 */
public record ReadinessTargets(Duration evaluationWindow, long minimumVolume, int sustainedHours,
        long cohortMinimumVolume, Map<String, BigDecimal> targets, BigDecimal latencyFactor) {

    public static final ReadinessTargets DEFAULTS = new ReadinessTargets(Duration.ofHours(24), 200, 4, 50, Map.of());

    public ReadinessTargets {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        if (latencyFactor != null && latencyFactor.signum() <= 0) {
            throw new IllegalArgumentException("a latency factor is positive, not " + latencyFactor);
        }
    }

    /** Targets without a latency criterion. */
    public ReadinessTargets(Duration evaluationWindow, long minimumVolume, int sustainedHours, long cohortMinimumVolume,
            Map<String, BigDecimal> targets) {
        this(evaluationWindow, minimumVolume, sustainedHours, cohortMinimumVolume, targets, null);
    }

    /** The latency factor, if the rule set sets one (then readiness compares the sides' p99 latency). */
    public Optional<BigDecimal> latency() {
        return Optional.ofNullable(latencyFactor);
    }

    /** The outcome type's own target, if the rule set names one. */
    public Optional<BigDecimal> targetOf(String outcomeType) {
        return Optional.ofNullable(targets.get(outcomeType));
    }
}
