package dev.parallelrun.reconciliation.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Evidence;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Latency;
import dev.parallelrun.reconciliation.readiness.ReadinessCriteria.Tally;
import dev.parallelrun.reconciliation.readiness.ReadinessReport.Criterion;
import dev.parallelrun.reconciliation.rules.domain.ReadinessTargets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadinessCriteriaTest {

    private static final ReadinessTargets TARGETS = new ReadinessTargets(Duration.ofHours(24), 100, 2, 10,
            Map.of("ClaimAssessed", new BigDecimal("0.98")));
    private static final Instant H1 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant H2 = Instant.parse("2026-12-04T11:00:00Z");
    private static final Cohort MOTOR_DE = new Cohort("motor", "DE", null);

    @Test
    void isMetWhenRateVolumeAndEveryHourAreOnTarget() {
        List<Criterion> criteria = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(H1, H2),
                Map.of("ClaimAssessed", Map.of(H1, new Tally(99, 1), H2, new Tally(100, 0))), 0, Map.of(), Set.of()));

        assertThat(criteria).extracting(Criterion::name).containsExactly("matchRate:ClaimAssessed",
                "minimumVolume:ClaimAssessed", "sustained:ClaimAssessed", "noOpenCriticalDivergence",
                "noExpiredVarianceInUse");
        assertThat(criteria).allMatch(Criterion::met);
        assertThat(criteria.get(0).required()).isEqualTo(">= 0.98 over PT24H");
        assertThat(criteria.get(0).actual()).isEqualTo("0.99 (990 agree, 10 disagree)");
    }

    @Test
    void failsBelowTheTargetOrTheVolumeOrWithoutVerdicts() {
        List<Criterion> low = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(50, 10)), List.of(), Map.of(), 0,
                Map.of(), Set.of()));
        List<Criterion> none = criteria(new Evidence(Map.of(), List.of(), Map.of(), 0, Map.of(), Set.of()));

        assertThat(met(low, "matchRate:ClaimAssessed")).isFalse();
        assertThat(met(low, "minimumVolume:ClaimAssessed")).isFalse();
        assertThat(met(none, "matchRate:ClaimAssessed")).isFalse();
        assertThat(actual(none, "matchRate:ClaimAssessed")).isEqualTo("no counted verdicts");
    }

    @Test
    void failsSustainedForAnHourBelowTargetOrWithoutVerdicts() {
        List<Criterion> criteria = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(H1, H2),
                Map.of("ClaimAssessed", Map.of(H2, new Tally(100, 0))), 0, Map.of(), Set.of()));

        assertThat(met(criteria, "sustained:ClaimAssessed")).isFalse();
        assertThat(actual(criteria, "sustained:ClaimAssessed")).isEqualTo(
                "1 of 2 hours on target; below: 2026-12-04T10:00:00Z no verdicts");
    }

    @Test
    void failsOnAnOpenCriticalDivergenceAndOnAnExpiredVarianceInUse() {
        List<Criterion> criteria = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(), Map.of(),
                1, Map.of(), Set.of("fraud-model-v2-granular-reasons")));

        assertThat(met(criteria, "noOpenCriticalDivergence")).isFalse();
        assertThat(met(criteria, "noExpiredVarianceInUse")).isFalse();
        assertThat(actual(criteria, "noExpiredVarianceInUse")).isEqualTo("fraud-model-v2-granular-reasons");
    }

    @Test
    void requiresEveryCohortBeingPromotedPerOutcomeType() {
        List<Criterion> covered = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(), Map.of(),
                0, Map.of(MOTOR_DE, Map.of("ClaimAssessed", new Tally(10, 0))), Set.of()));
        List<Criterion> thin = criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(), Map.of(),
                0, Map.of(MOTOR_DE, Map.of("ClaimAssessed", new Tally(9, 0))), Set.of()));

        assertThat(met(covered, "cohortCovered:productLine=motor,region=DE:ClaimAssessed")).isTrue();
        assertThat(met(thin, "cohortCovered:productLine=motor,region=DE:ClaimAssessed")).isFalse();
        assertThat(actual(thin, "cohortCovered:productLine=motor,region=DE:ClaimAssessed")).isEqualTo(
                "9 (1.0 (9 agree, 0 disagree))");
    }

    @Test
    void comparesEachSidesP99LatencyByTheFactorPerOutcomeType() {
        ReadinessTargets withFactor = new ReadinessTargets(Duration.ofHours(24), 100, 0, 10, Map.of(),
                new BigDecimal("1.5"));
        Map<String, Tally> window = Map.of("ClaimAssessed", new Tally(990, 10), "PaymentDecided", new Tally(990, 10));
        List<Criterion> criteria = ReadinessCriteria.of(withFactor, List.of("ClaimAssessed", "PaymentDecided"),
                type -> 0.98, new Evidence(window, List.of(), Map.of(), 0, Map.of(), Set.of(), Map.of(
                        "ClaimAssessed", new Latency(0.12, 2.3, 1843),
                        "PaymentDecided", new Latency(3.451, 2.3, 1843))));

        assertThat(criteria).extracting(Criterion::name).containsExactly("matchRate:ClaimAssessed",
                "minimumVolume:ClaimAssessed", "latency:ClaimAssessed", "matchRate:PaymentDecided",
                "minimumVolume:PaymentDecided", "latency:PaymentDecided", "noOpenCriticalDivergence",
                "noExpiredVarianceInUse");
        Criterion within = criteria.get(2);
        assertThat(within).isEqualTo(new Criterion("latency:ClaimAssessed", "shadow p99 <= 1.5 x legacy p99",
                "shadow p99 0.120 s, legacy p99 2.300 s (1843 pairs)", true));
        // 3.451 > 1.5 x 2.3 = 3.45
        assertThat(met(criteria, "latency:PaymentDecided")).isFalse();
        assertThat(actual(criteria, "latency:PaymentDecided")).isEqualTo(
                "shadow p99 3.451 s, legacy p99 2.300 s (1843 pairs)");
    }

    @Test
    void meetsTheLatencyFactorExactlyAtTheBound() {
        List<Criterion> criteria = ReadinessCriteria.of(new ReadinessTargets(Duration.ofHours(24), 1, 0, 1, Map.of(),
                new BigDecimal("2")), List.of("ClaimAssessed"), type -> 0.98, new Evidence(Map.of(), List.of(), Map.of(),
                0, Map.of(), Set.of(), Map.of("ClaimAssessed", new Latency(1.0, 0.5, 1))));

        assertThat(met(criteria, "latency:ClaimAssessed")).isTrue();
        assertThat(actual(criteria, "latency:ClaimAssessed")).isEqualTo("shadow p99 1.000 s, legacy p99 0.500 s (1 pair)");
        assertThat(criteria).filteredOn(c -> c.name().equals("latency:ClaimAssessed")).singleElement()
                .satisfies(c -> assertThat(c.required()).isEqualTo("shadow p99 <= 2.0 x legacy p99"));
    }

    @Test
    void failsTheLatencyCriterionWithoutPairsAndLeavesItOutWithoutAFactor() {
        ReadinessTargets withFactor = new ReadinessTargets(Duration.ofHours(24), 100, 0, 10, Map.of(),
                new BigDecimal("1.5"));
        Evidence noPairs = new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(), Map.of(), 0, Map.of(),
                Set.of(), Map.of());

        List<Criterion> criteria = ReadinessCriteria.of(withFactor, List.of("ClaimAssessed"), type -> 0.98, noPairs);

        assertThat(met(criteria, "latency:ClaimAssessed")).isFalse();
        assertThat(actual(criteria, "latency:ClaimAssessed")).isEqualTo(
                "no pairs with both sides and a known acceptance time");
        assertThat(criteria(new Evidence(Map.of("ClaimAssessed", new Tally(990, 10)), List.of(), Map.of(), 0, Map.of(),
                Set.of(), Map.of("ClaimAssessed", new Latency(9.0, 1.0, 10))))).extracting(Criterion::name)
                .noneMatch(name -> name.startsWith("latency:"));
    }

    private static List<Criterion> criteria(Evidence evidence) {
        return ReadinessCriteria.of(TARGETS, List.of("ClaimAssessed"), type -> 0.98, evidence);
    }

    private static boolean met(List<Criterion> criteria, String name) {
        return criteria.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().met();
    }

    private static String actual(List<Criterion> criteria, String name) {
        return criteria.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().actual();
    }
}
