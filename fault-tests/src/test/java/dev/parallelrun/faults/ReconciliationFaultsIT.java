package dev.parallelrun.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reconciliation service under faults: its executable jar as OS processes against a broker process and
 * one PostgreSQL, a flood of outcome pairs straight onto both outcome topics, a fault injected mid-flood,
 * and the evidence counted afterwards (see the module's README for the long run).
 *
 * <p>Every scenario holds the platform to the same evidence: each pair sent has exactly one current verdict
 * of the classification it was built for, nothing lost or doubled, no {@code MISSING_*} for a pair whose
 * both sides were sent, no good record dead-lettered, and every stored verdict was committed on the
 * verdict topic (none from an aborted transaction).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationFaultsIT {

    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();
    private static final Duration SHADOW_LAG = Duration.ofSeconds(6);
    private static RestartablePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new RestartablePostgres(SETTINGS.runDir().resolve("postgres-" + ProcessHandle.current().pid())).start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void sigkillOfOneOfThreeInstancesLosesDoublesAndFalsifiesNothing() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "a-sigkill")) {
            List<ReconciliationInstance> instances = List.of(run.reconciliation(), run.reconciliation(), run.reconciliation());
            run.startAll(instances);
            OutcomeFlood flood = run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.spanningRate())).openEnded();
            int kills = SETTINGS.kills();
            long spacing = SETTINGS.pairs() / (kills + 2);
            for (int k = 0; k < kills; k++) {
                flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
                ReconciliationInstance victim = instances.get(k % instances.size());
                run.fault();
                victim.kill();
                // an orchestrator starts the pod again; the next kill waits until all three are back
                victim.start().awaitHealthy();
            }
            flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
            flood.finish();
            Figures figures = run.figures("a. SIGKILL one of 3 reconciliation instances " + kills + " time(s) during the flood");

            SoftAssertions soft = evidenceIntact(figures, 0);
            stallsBelowTarget(soft, figures);
            soft.assertAll();
        }
    }

    @Test
    @Order(2)
    void scalingFromOneToThreeAndBackToOneLosesDoublesAndFalsifiesNothing() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "b-scale")) {
            ReconciliationInstance first = run.reconciliation();
            run.startAll(List.of(first));
            OutcomeFlood flood = run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.spanningRate())).openEnded();
            ReconciliationInstance second = run.reconciliation();
            ReconciliationInstance third = run.reconciliation();
            long spacing = SETTINGS.pairs() / 5;

            flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
            run.fault();
            run.startAll(List.of(second));
            flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
            run.fault();
            run.startAll(List.of(third));
            flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
            run.fault();
            second.stop();
            third.stop();
            flood.awaitGeneratedPairs(flood.generatedPairs() + spacing);
            flood.finish();
            Figures figures = run.figures("b. scale reconciliation 1 → 2 → 3 → 1 during the flood");

            SoftAssertions soft = evidenceIntact(figures, 0);
            stallsBelowTarget(soft, figures);
            soft.assertAll();
        }
    }

    @Test
    @Order(3)
    void postgresqlOutageDeadLettersNothingAndLosesNothing() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "c-postgres-outage")) {
            run.startAll(List.of(run.reconciliation()));
            OutcomeFlood flood = run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.ratePerSecond()));
            List<Duration> outages = SETTINGS.postgresOutages();
            for (int k = 0; k < outages.size(); k++) {
                flood.awaitGeneratedPairs((long) SETTINGS.pairs() * (k + 1) / (outages.size() + 2));
                postgres.stop();
                holdFor(outages.get(k), "PostgreSQL down", () -> !postgres.accepts());
                postgres.start();
            }
            String lengths = outages.stream().map(Duration::toString).reduce((a, b) -> a + ", " + b).orElse("none");
            Figures figures = run.figures("c. PostgreSQL stopped mid-flood (" + lengths + ")");

            evidenceIntact(figures, 0).assertAll();
        }
    }

    @Test
    @Order(4)
    void poisonOutcomesAreDeadLetteredWithTheirReasonWhileTheRestIsDecided() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "d-poison")) {
            ReconciliationInstance instance = run.reconciliation();
            run.startAll(List.of(instance));
            // one poison record after every 100th outcome: 1 %
            run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.ratePerSecond()).withPoisonEvery(100));
            Figures figures = run.figures("d. 1 % poison outcomes (malformed JSON, riskScore 1e10000)");

            SoftAssertions soft = evidenceIntact(figures, figures.poisonSent());
            soft.assertThat(figures.poisonDeadLettered()).as("poison records in a dead-letter topic").isEqualTo(figures.poisonSent());
            soft.assertThat(figures.deadLetteredWithoutReason()).as("dead-letter records without a reason").isZero();
            soft.assertThat(figures.unexpectedVerdicts()).as("verdicts for poison records").isZero();
            soft.assertAll();
            instance.awaitHealthy();
        }
    }

    @Test
    @Order(5)
    void duplicateDeliveriesYieldOneVerdictPerPair() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "e-duplicates")) {
            run.startAll(List.of(run.reconciliation()));
            // every 10th outcome delivered twice: 10 %
            run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.ratePerSecond()).withDuplicateEvery(10));
            Figures figures = run.figures("e. 10 % duplicate outcome deliveries");

            assertThat(figures.duplicatesSent()).isPositive();
            evidenceIntact(figures, 0).assertAll();
        }
    }

    @Test
    @Order(6)
    void reconciliationDownLongerThanWindowAndGraceMakesNoFalseMissing() {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "f-downtime")) {
            List<String> timing = new ArrayList<>();
            if (!SETTINGS.window().isEmpty()) {
                timing.add("--reconciliation.correlation.contexts.claims.window=" + SETTINGS.window());
            }
            if (!SETTINGS.grace().isEmpty()) {
                timing.add("--reconciliation.correlation.contexts.claims.grace=" + SETTINGS.grace());
            }
            ReconciliationInstance instance = run.reconciliation(timing.toArray(String[]::new));
            run.startAll(List.of(instance));
            // the new service answers six seconds after legacy: inside the window, so pairs are pending when
            // reconciliation stops, and on its return their counterparts sit behind six seconds of backlog
            OutcomeFlood flood = run.flood(OutcomeFlood.Options.of(SETTINGS.pairs(), SETTINGS.ratePerSecond())
                    .withShadowLag(SHADOW_LAG));
            flood.awaitGeneratedPairs(SETTINGS.pairs() / 4);
            run.evidence().awaitVerdicts(1);
            instance.stop();
            holdFor(SETTINGS.downtime(), "reconciliation down", () -> !instance.isAlive());
            run.startAll(List.of(instance));
            Figures figures = run.figures("f. reconciliation down " + SETTINGS.downtime() + " (window "
                    + orDefault(SETTINGS.window()) + ", grace " + orDefault(SETTINGS.grace()) + "), then back");

            evidenceIntact(figures, 0).assertAll();
        }
    }

    /** The evidence every scenario must leave: nothing lost, doubled or false, nothing from an aborted transaction. */
    private static SoftAssertions evidenceIntact(Figures figures, long expectedDeadLetters) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(figures.settled()).as("every pair got its verdict within " + SETTINGS.settleTimeout()).isTrue();
        soft.assertThat(figures.lost()).as("pairs without a current verdict (lost)").isZero();
        soft.assertThat(figures.duplicates()).as("pairs with more than one current verdict").isZero();
        soft.assertThat(figures.verdictRows()).as("verdict rows = pairs").isEqualTo(figures.pairs());
        soft.assertThat(figures.missingRows()).as("false MISSING_* verdicts").isZero();
        soft.assertThat(figures.wrongClassifications()).as("verdicts of another classification than the pair's").isZero();
        soft.assertThat(figures.storedNotCommitted()).as("stored verdicts not committed on the verdict topic").isZero();
        soft.assertThat(figures.committedDistinct()).as("committed verdict records, each id once").isEqualTo(figures.committedVerdicts());
        soft.assertThat(figures.goodDeadLettered()).as("records of good pairs dead-lettered").isZero();
        soft.assertThat(figures.authoritativeLost()).as("pairs without their authoritative outcome").isZero();
        soft.assertThat(figures.authoritativeDuplicates()).as("pairs with more than one authoritative outcome").isZero();
        soft.assertThat(figures.deadLetteredTotal()).as("dead-lettered records").isEqualTo(expectedDeadLetters);
        return soft;
    }

    /** While another instance is alive, verdicts flow again on every partition within the target. */
    private static void stallsBelowTarget(SoftAssertions soft, Figures figures) {
        soft.assertThat(figures.stallsAfterFaults().stream().filter(java.util.Objects::nonNull).toList())
                .as("time from each fault until every partition decides again")
                .allSatisfy(stall -> assertThat(stall).isLessThan(SETTINGS.maxStall()));
    }

    /** Keeps a fault in place for its whole duration, checking that it really holds. */
    private static void holdFor(Duration duration, String fault, java.util.concurrent.Callable<Boolean> holds) {
        await(fault + " for " + duration).during(duration).atMost(duration.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(holds);
    }

    private static String orDefault(String value) {
        return value.isEmpty() ? "as configured" : value;
    }
}
