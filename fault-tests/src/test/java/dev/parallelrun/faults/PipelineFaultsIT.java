package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as processes — ingress, legacy stand-in, legacy adapter, claims-service, reconciliation —
 * with claims posted over HTTP while the broker is killed (SIGKILL) and started again on the same port and data.
 * Every intent answered 202 must be reconciled exactly once per outcome type; every other answer must be a 503.
 */
class PipelineFaultsIT {

    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();
    private static final List<String> OUTCOME_TYPES = List.of(OutcomeEvents.CLAIM_ASSESSED, OutcomeEvents.PAYMENT_DECIDED);
    private static final int INTENTS_PER_SECOND = 10;
    private static RestartablePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new RestartablePostgres(SETTINGS.runDir().resolve("postgres-pipeline-" + ProcessHandle.current().pid())).start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void brokerRestartMidTrafficReconcilesEveryAcceptedIntentExactlyOnce() throws Exception {
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, "g-broker-restart")) {
            FaultRun.ServiceProcess legacy = run.service("legacy-claims-system").start();
            List<FaultRun.ServiceProcess> services = List.of(legacy,
                    run.service("reconciliation-service", "--reconciliation.streams.state-dir="
                            + SETTINGS.runDir().resolve("g-reconciliation-state-" + System.nanoTime())).start(),
                    run.service("claims-service").start(),
                    run.service("legacy-adapter", "--legacy-adapter.legacy.base-url=" + legacy.uri()).start());
            services.forEach(FaultRun.ServiceProcess::awaitHealthy);
            FaultRun.ServiceProcess ingress = run.service("ingress-service").start();
            ingress.awaitHealthy();

            Map<String, Integer> answers = new ConcurrentHashMap<>();
            Instant started = Instant.now();
            try (ClaimPoster poster = new ClaimPoster(ingress.uri(), answers)) {
                await("traffic flowing").atMost(Duration.ofMinutes(2)).until(() -> answers.size() >= 100);
                Instant killed = Instant.now();
                run.broker().killAndRestart();
                Duration brokerDown = Duration.between(killed, Instant.now());
                long postedBeforeRestart = answers.size();
                await("traffic after the restart").atMost(Duration.ofMinutes(3))
                        .until(() -> answers.size() >= postedBeforeRestart + 100);
                poster.stop();

                Set<String> accepted = Set.copyOf(answers.entrySet().stream().filter(e -> e.getValue() == 202)
                        .map(Map.Entry::getKey).toList());
                boolean settled = awaitVerdicts(run.jdbcUrl(), accepted);
                Evidence evidence = evidence(run.jdbcUrl(), accepted, answers);
                Map<Integer, Long> statuses = new TreeMap<>();
                answers.values().forEach(s -> statuses.merge(s, 1L, Long::sum));
                String report = "\n[fault-suite] g. broker SIGKILLed and restarted mid-traffic, whole pipeline as processes"
                        + (settled ? "" : "  (NOT SETTLED)") + "\n"
                        + String.format("  %-24s %s%n", "intents posted", answers.size() + " " + statuses)
                        + String.format("  %-24s %.1f s (SIGKILL to serving again)%n", "broker down", brokerDown.toMillis() / 1000.0)
                        + String.format("  %-24s %d (of %d expected: 2 per accepted intent)%n", "current verdicts", evidence.current, accepted.size() * 2L)
                        + String.format("  %-24s %d%n", "lost", evidence.lost)
                        + String.format("  %-24s %d%n", "duplicates", evidence.duplicates)
                        + String.format("  %-24s %d%n", "MISSING_* for accepted", evidence.missing)
                        + String.format("  %-24s %d%n", "verdicts for refused", evidence.forRefused)
                        + String.format("  %-24s %s%n", "classifications", evidence.classifications)
                        + String.format("  %-24s %.0f s%n", "elapsed", Duration.between(started, Instant.now()).toMillis() / 1000.0);
                System.out.println(report);
                Files.writeString(Files.createDirectories(SETTINGS.workDir().resolve("fault-figures")).resolve("g-broker-restart.txt"), report);

                SoftAssertions soft = new SoftAssertions();
                soft.assertThat(settled).as("every accepted intent reconciled within " + SETTINGS.settleTimeout()).isTrue();
                soft.assertThat(statuses.keySet()).as("answers other than 202 and 503").isSubsetOf(202, 503);
                soft.assertThat(evidence.lost).as("accepted intents without a verdict per outcome type").isZero();
                soft.assertThat(evidence.duplicates).as("pairs with more than one current verdict").isZero();
                soft.assertThat(evidence.missing).as("MISSING_* verdicts for accepted intents").isZero();
                soft.assertThat(evidence.forRefused).as("verdicts for intents answered 503").isZero();
                soft.assertAll();
            }
        }
    }

    private record Evidence(long current, long lost, long duplicates, long missing, long forRefused,
            Map<String, Long> classifications) {
    }

    private static boolean awaitVerdicts(String jdbcUrl, Set<String> accepted) {
        try {
            await("verdicts for every accepted intent").atMost(SETTINGS.settleTimeout()).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions().until(() -> evidence(jdbcUrl, accepted, Map.of()).lost == 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static Evidence evidence(String jdbcUrl, Set<String> accepted, Map<String, Integer> answers) {
        Map<String, Integer> current = new HashMap<>();
        Map<String, Long> classifications = new TreeMap<>();
        long missing = 0;
        long forRefused = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, RestartablePostgres.USER, RestartablePostgres.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT correlation_id, outcome_type, classification FROM "
                        + "reconciliation.verdict WHERE superseded_by IS NULL")) {
            while (rs.next()) {
                String correlationId = rs.getString(1);
                if (accepted.contains(correlationId)) {
                    current.merge(correlationId + "|" + rs.getString(2), 1, Integer::sum);
                    classifications.merge(rs.getString(3), 1L, Long::sum);
                    if (rs.getString(3).startsWith("MISSING_")) {
                        missing++;
                    }
                } else if (answers.containsKey(correlationId)) {
                    forRefused++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long lost = accepted.stream().flatMap(id -> OUTCOME_TYPES.stream().map(type -> id + "|" + type))
                .filter(key -> !current.containsKey(key)).count();
        long duplicates = current.values().stream().filter(n -> n > 1).count();
        return new Evidence(current.values().stream().mapToLong(Integer::longValue).sum(), lost, duplicates, missing,
                forRefused, classifications);
    }

    /** Posts claims at a steady rate, each with its own correlation id and idempotency key, and notes each answer. */
    private static final class ClaimPoster implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ExecutorService senders = Executors.newFixedThreadPool(16);
        private final java.util.concurrent.ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final URI ingress;
        private final Map<String, Integer> answers;
        private long sequence;

        ClaimPoster(URI ingress, Map<String, Integer> answers) {
            this.ingress = ingress;
            this.answers = answers;
            ticker.scheduleAtFixedRate(this::post, 0, 1000 / INTENTS_PER_SECOND, TimeUnit.MILLISECONDS);
        }

        private void post() {
            if (!running.get()) {
                return;
            }
            long n = sequence++;
            String correlationId = UUID.randomUUID().toString();
            String body = """
                    {"claimId": "CLM-G-%d", "policyId": "POL-%d", "productLine": "motor", "region": "DE",
                     "claimedAmount": %d.45, "currency": "EUR", "incidentDate": "%s", "description": "rear-end collision",
                     "claimant": {"name": "Erika Mustermann", "email": "erika@example.org"}}
                    """.formatted(n, 1000 + n % 9000, 200 + n % 3000, LocalDate.now().minusDays(3));
            HttpRequest request = HttpRequest.newBuilder(ingress.resolve("/api/v1/intents/ClaimSubmitted"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Api-Key", "local-dev-key").header("X-Correlation-Id", correlationId)
                    .header("Idempotency-Key", correlationId).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            senders.submit(() -> {
                try {
                    answers.put(correlationId, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (IOException e) {
                    answers.put(correlationId, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void stop() {
            running.set(false);
            ticker.shutdown();
            senders.shutdown();
            try {
                senders.awaitTermination(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
            ticker.shutdownNow();
            senders.shutdownNow();
        }
    }
}
