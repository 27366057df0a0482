package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Evidence;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Latency;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Tally;
import dev.parallelrun.reconciliation.readiness.persistence.ReadinessEvidence;
import dev.parallelrun.reconciliation.rules.domain.AcceptedVariance;
import dev.parallelrun.reconciliation.rules.domain.MatchRateTargets;
import dev.parallelrun.reconciliation.rules.domain.ReadinessTargets;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Readiness from the context's rule set ({@code readiness:} targets) and the current verdicts in PostgreSQL. The
 * window's match rate per outcome type is the match-rate API's own count ({@link VerdictStore#countSince}); the
 * outcome types judged are those of the rule set (its readiness targets and its outcome types) and any other with
 * verdicts in the window. Unsampled intents have no verdict and count nowhere, as in the match rate; replayed
 * intents produce no live verdict. With a {@code latencyFactor}, each side's p99 latency per outcome type is measured
 * from the intent's acceptance ({@code intent_cohort}, which holds no fallback or replayed intent) to the side's
 * outcome reaching reconciliation, over the window's current verdicts with both sides.
 */
@Service
public class RuleSetReadinessEvaluator implements ReadinessEvaluator {

    private final RuleBasedComparator comparator;
    private final MatchRateTargets targets;
    private final VerdictStore verdicts;
    private final ReadinessEvidence evidence;
    private final Clock clock;

    RuleSetReadinessEvaluator(RuleBasedComparator comparator, MatchRateTargets targets, VerdictStore verdicts,
            ReadinessEvidence evidence, Clock clock) {
        this.comparator = comparator;
        this.targets = targets;
        this.verdicts = verdicts;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The contexts with a rule set of their own: the ones readiness (and authority) knows. */
    public List<String> contexts() {
        return comparator.ruleSets().stream().map(RuleSet::context).filter(context -> !"*".equals(context)).toList();
    }

    @Override
    public ReadinessReport evaluate(String context, List<Cohort> cohorts) {
        if (!contexts().contains(context)) {
            throw new NoRuleSetException(context);
        }
        RuleSet ruleSet = comparator.ruleSet(context);
        ReadinessTargets readiness = ruleSet.readiness();
        Instant now = clock.instant();
        Instant since = now.minus(readiness.evaluationWindow());

        Map<String, Tally> window = new LinkedHashMap<>();
        for (VerdictStore.ClassificationCount count : verdicts.countSince(since, context)) {
            window.merge(count.outcomeType(), tally(count.classification(), count.count()), Tally::plus);
        }
        Set<String> outcomeTypes = new LinkedHashSet<>(targets.outcomeTypesOf(context));
        outcomeTypes.addAll(window.keySet());

        Instant lastHour = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant> hours = new ArrayList<>();
        for (int i = readiness.sustainedHours(); i >= 1; i--) {
            hours.add(lastHour.minus(Duration.ofHours(i)));
        }
        Map<String, Map<Instant, Tally>> hourly = new HashMap<>();
        if (!hours.isEmpty()) {
            for (ReadinessEvidence.HourlyCount count : evidence.hourly(context, hours.get(0), lastHour)) {
                hourly.computeIfAbsent(count.outcomeType(), t -> new HashMap<>())
                        .merge(count.hour(), tally(count.classification(), count.count()), Tally::plus);
            }
        }
        Map<Cohort, Map<String, Tally>> byCohort = new LinkedHashMap<>();
        for (Cohort cohort : new LinkedHashSet<>(cohorts)) {
            Map<String, Tally> byType = new HashMap<>();
            for (ReadinessEvidence.CohortCount count : evidence.inCohort(context, since, cohort)) {
                byType.merge(count.outcomeType(), tally(count.classification(), count.count()), Tally::plus);
            }
            byCohort.put(cohort, byType);
        }
        Set<String> expiredInUse = new LinkedHashSet<>();
        Map<String, AcceptedVariance> variances = ruleSet.variances();
        for (String id : evidence.variancesNamed(context, since)) {
            AcceptedVariance variance = variances.get(id);
            if (variance != null && !variance.activeAt(now)) {
                expiredInUse.add(id);
            }
        }
        long openCritical = evidence.openCases(context, "CRITICAL");
        Map<String, Latency> latency = new HashMap<>();
        if (readiness.latencyFactor() != null) {
            for (ReadinessEvidence.SideLatencies side : evidence.latencies(context, since)) {
                latency.put(side.outcomeType(), new Latency(side.shadowP99(), side.legacyP99(), side.pairs()));
            }
        }

        List<ReadinessReport.Criterion> criteria = ReadinessCriteria.of(readiness, List.copyOf(outcomeTypes),
                type -> targets.targetOf(context, type),
                new Evidence(window, hours, hourly, openCritical, byCohort, expiredInUse, latency));
        return new ReadinessReport(context, criteria.stream().allMatch(ReadinessReport.Criterion::met), now, criteria);
    }

    private static Tally tally(Classification classification, long count) {
        return switch (classification.bucket()) {
            case AGREE -> new Tally(count, 0);
            case DISAGREE -> new Tally(0, count);
            case EXCLUDED -> Tally.NONE;
        };
    }
}
