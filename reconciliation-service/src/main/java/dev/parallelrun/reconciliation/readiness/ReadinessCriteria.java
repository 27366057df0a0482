package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.readiness.ReadinessReport.Criterion;
import dev.parallelrun.reconciliation.rules.domain.ReadinessTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;

/**
 * Turns what the verdicts show into the readiness criteria, named as {@link ReadinessReport.Criterion} documents them.
 * Plain logic over counts, so that every rule is a fast test.
 */
final class ReadinessCriteria {

    private ReadinessCriteria() {
    }

    /** Agree and disagree verdicts of one outcome type (and hour or cohort). */
    record Tally(long agree, long disagree) {
        static final Tally NONE = new Tally(0, 0);

        long counted() {
            return agree + disagree;
        }

        double rate() {
            return counted() == 0 ? 0 : (double) agree / counted();
        }

        Tally plus(Tally other) {
            return new Tally(agree + other.agree, disagree + other.disagree);
        }
    }

    /**
     * What the verdicts of the evaluation window show.
     *
     * @param window             per outcome type, over the evaluation window
     * @param hours              the starts of the last {@code sustainedHours} full hours, oldest first
     * @param hourly             per outcome type, per hour start
     * @param openCritical       CRITICAL divergence cases still open or acknowledged, whenever they opened
     * @param cohorts            per cohort being promoted, per outcome type
     * @param expiredInUse       ids of expired accepted variances that verdicts in the window name
     * @param latency            per outcome type, each side's p99 latency over the window (absent: no pair with both
     *                           sides and a known acceptance time)
     */
    record Evidence(Map<String, Tally> window, List<Instant> hours, Map<String, Map<Instant, Tally>> hourly,
            long openCritical, Map<Cohort, Map<String, Tally>> cohorts, Set<String> expiredInUse,
            Map<String, Latency> latency) {

        /** Evidence without latencies (a rule set without a latency factor does not look for them). */
        Evidence(Map<String, Tally> window, List<Instant> hours, Map<String, Map<Instant, Tally>> hourly,
                long openCritical, Map<Cohort, Map<String, Tally>> cohorts, Set<String> expiredInUse) {
            this(window, hours, hourly, openCritical, cohorts, expiredInUse, Map.of());
        }
    }

    /**
     * Each side's p99 processing latency of one outcome type, in seconds from the intent's acceptance to the side's
     * outcome reaching reconciliation, over {@code pairs} verdicts with both sides.
     */
    record Latency(double shadowP99, double legacyP99, long pairs) {
    }

    static List<Criterion> of(ReadinessTargets targets, List<String> outcomeTypes, ToDoubleFunction<String> targetOf,
            Evidence evidence) {
        List<Criterion> criteria = new ArrayList<>();
        for (String type : outcomeTypes) {
            double target = targetOf.applyAsDouble(type);
            Tally tally = evidence.window().getOrDefault(type, Tally.NONE);
            criteria.add(new Criterion("matchRate:" + type, ">= " + number(target) + " over " + targets.evaluationWindow(),
                    tally.counted() == 0 ? "no counted verdicts" : rate(tally),
                    tally.counted() > 0 && tally.rate() >= target));
            criteria.add(new Criterion("minimumVolume:" + type, ">= " + targets.minimumVolume()
                    + " agree+disagree verdicts over " + targets.evaluationWindow(), Long.toString(tally.counted()),
                    tally.counted() >= targets.minimumVolume()));
            if (targets.sustainedHours() > 0) {
                criteria.add(sustained(type, target, targets.sustainedHours(), evidence));
            }
            if (targets.latencyFactor() != null) {
                criteria.add(latency(type, targets.latencyFactor().doubleValue(), evidence));
            }
        }
        criteria.add(new Criterion("noOpenCriticalDivergence", "0 open or acknowledged CRITICAL divergence cases",
                Long.toString(evidence.openCritical()), evidence.openCritical() == 0));
        evidence.cohorts().forEach((cohort, byType) -> {
            for (String type : outcomeTypes) {
                Tally tally = byType.getOrDefault(type, Tally.NONE);
                criteria.add(new Criterion("cohortCovered:" + name(cohort) + ":" + type, ">= "
                        + targets.cohortMinimumVolume() + " agree+disagree verdicts over " + targets.evaluationWindow(),
                        tally.counted() == 0 ? "0" : tally.counted() + " (" + rate(tally) + ")",
                        tally.counted() >= targets.cohortMinimumVolume()));
            }
        });
        criteria.add(new Criterion("noExpiredVarianceInUse", "no verdict over " + targets.evaluationWindow()
                + " names an expired accepted variance", evidence.expiredInUse().isEmpty() ? "none"
                : String.join(", ", evidence.expiredInUse()), evidence.expiredInUse().isEmpty()));
        return criteria;
    }

    private static Criterion sustained(String type, double target, int hours, Evidence evidence) {
        Map<Instant, Tally> byHour = evidence.hourly().getOrDefault(type, Map.of());
        StringJoiner below = new StringJoiner(", ");
        int onTarget = 0;
        for (Instant hour : evidence.hours()) {
            Tally tally = byHour.getOrDefault(hour, Tally.NONE);
            if (tally.counted() > 0 && tally.rate() >= target) {
                onTarget++;
            } else {
                below.add(hour + " " + (tally.counted() == 0 ? "no verdicts" : number(tally.rate())));
            }
        }
        String actual = onTarget + " of " + hours + " hours on target" + (onTarget == hours ? "" : "; below: " + below);
        return new Criterion("sustained:" + type, "each of the last " + hours + " full hours >= " + number(target),
                actual, onTarget == hours);
    }

    /** The new service's p99 latency at most {@code factor} times legacy's; no pair to measure does not meet it. */
    private static Criterion latency(String type, double factor, Evidence evidence) {
        Latency latency = evidence.latency().get(type);
        String required = "shadow p99 <= " + number(factor) + " x legacy p99";
        if (latency == null || latency.pairs() == 0) {
            return new Criterion("latency:" + type, required, "no pairs with both sides and a known acceptance time",
                    false);
        }
        String actual = String.format(Locale.ROOT, "shadow p99 %.3f s, legacy p99 %.3f s (%d %s)", latency.shadowP99(),
                latency.legacyP99(), latency.pairs(), latency.pairs() == 1 ? "pair" : "pairs");
        return new Criterion("latency:" + type, required, actual, latency.shadowP99() <= factor * latency.legacyP99());
    }

    /** A cohort as a criterion names it, e.g. {@code productLine=motor,region=DE}. */
    static String name(Cohort cohort) {
        StringJoiner name = new StringJoiner(",");
        if (cohort.productLine() != null) {
            name.add("productLine=" + cohort.productLine());
        }
        if (cohort.region() != null) {
            name.add("region=" + cohort.region());
        }
        if (cohort.channel() != null) {
            name.add("channel=" + cohort.channel());
        }
        return name.toString();
    }

    private static String rate(Tally tally) {
        return number(tally.rate()) + " (" + tally.agree() + " agree, " + tally.disagree() + " disagree)";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
