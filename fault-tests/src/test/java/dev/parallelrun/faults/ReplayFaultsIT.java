package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A governed replay under a crash: the reconciliation service's executable jar as an OS process replays a range of
 * original claim intents, is SIGKILLed while publishing them, and is started again on the same database and broker.
 * The replay's lease runs out, the restarted process takes the run over and resumes it from the position its last
 * Kafka transaction committed; the intent topic must then hold every selected original exactly once under the
 * replay's id (nothing lost, nothing doubled by event id or by original), as many as the run says it selected and
 * published. What the kill left in aborted transactions is counted with {@code read_uncommitted} and printed.
 */
class ReplayFaultsIT {

    private static final FaultSettings SETTINGS = FaultSettings.fromSystemProperties();
    /** What the API calls it; the suite keeps no service class on its classpath. */
    static final String REPLAY_ID_HEADER = "parallelrun-replay-id";
    /** The local profile's admin (the local runner prints the development users). */
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    /** Short, so that the restarted process takes the run over soon after it is up. */
    private static final String LEASE = "5s";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RestartablePostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = new RestartablePostgres(SETTINGS.runDir().resolve("postgres-replay-" + ProcessHandle.current().pid()))
                .start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sigkillMidReplayAndRestartCompletesItWithEverySelectedIntentPublishedExactlyOnce() throws Exception {
        String scenario = "i-replay-sigkill";
        try (FaultRun run = FaultRun.start(SETTINGS, postgres, scenario)) {
            Instant started = Instant.now();
            declareIntentTopic(run.broker().bootstrapServers());
            Instant from = Instant.now().minusSeconds(1);
            Map<String, String> originals = sendOriginals(run.broker().bootstrapServers(), SETTINGS.replayIntents());
            Instant to = Instant.now().plusMillis(1);

            ReconciliationInstance instance = run.reconciliation("--reconciliation.replay.lease=" + LEASE);
            run.startAll(List.of(instance));
            ReplayApi api = new ReplayApi(instance.uri());
            await("the range to end").atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(to));
            String replayId = api.request(from, to, SETTINGS.replayRate());

            // SIGKILL once a fifth of the selection is published: mid-replay, with most of it still to go
            AtomicReference<JsonNode> beforeKill = new AtomicReference<>();
            await("replay " + replayId + " publishing a fifth of its selection").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        JsonNode view = api.get(replayId);
                        beforeKill.set(view);
                        requireRunning(view);
                        return view.path("selected").isNumber()
                                && view.path("published").asLong() * 5 >= view.path("selected").asLong();
                    });
            Instant kill = run.fault();
            instance.kill();
            long publishedAtKill = beforeKill.get().path("published").asLong();

            instance.start().awaitHealthy();
            Duration downtime = Duration.between(kill, Instant.now());
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Duration killToCompleted = null;
            try {
                await("replay " + replayId + " COMPLETED after the restart").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                            JsonNode view = api.get(replayId);
                            last.set(view);
                            return !"RUNNING".equals(view.path("state").asString());
                        });
                killToCompleted = Duration.between(kill, Instant.now());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // counted and reported below: the state assertion names it
            }
            JsonNode end = last.get() == null ? api.get(replayId) : last.get();

            ReplayFigures figures = count(run, scenario, replayId, originals, end, publishedAtKill, downtime,
                    killToCompleted, Duration.between(started, Instant.now()))
                    .print(SETTINGS.workDir(), scenario);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(figures.state()).as("the run's state after the restart (%s)", end).isEqualTo("COMPLETED");
            soft.assertThat(figures.publishedAtKill()).as("published when killed (mid-replay)")
                    .isPositive().isLessThan(figures.selected());
            soft.assertThat(figures.selected()).as("selected = originals in the range").isEqualTo(figures.intentsSent());
            soft.assertThat(figures.selectedRows()).as("replay_intent rows = selected").isEqualTo(figures.selected());
            soft.assertThat(figures.lost()).as("originals without a committed replayed record (lost)").isZero();
            soft.assertThat(figures.duplicatesById()).as("replayed records doubled by event id").isZero();
            soft.assertThat(figures.duplicatesByOriginal()).as("replayed records doubled by causationid").isZero();
            soft.assertThat(figures.unexpected()).as("replayed records that are not the recorded copy").isZero();
            soft.assertThat(figures.committed()).as("committed replayed records = selected").isEqualTo(figures.selected());
            soft.assertThat(figures.published()).as("the run's published = committed replayed records")
                    .isEqualTo(figures.committed());
            soft.assertAll();
        }
    }

    private static void requireRunning(JsonNode view) {
        String state = view.path("state").asString();
        if (!"RUNNING".equals(state)) {
            throw new IllegalStateException("the replay ended before the kill: " + view);
        }
    }

    /** The intent topic belongs to the ingress, which is not running here: declared as it would, before anyone reads it. */
    private static void declareIntentTopic(String bootstrapServers) throws InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(IntentEvents.TOPIC, FaultRun.PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot declare " + IntentEvents.TOPIC, e.getCause());
        }
    }

    /** Puts the originals on the intent topic, keyed by correlation id as the ingress does; event id → correlation id. */
    private static Map<String, String> sendOriginals(String bootstrapServers, int count) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, String> originals = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String eventId = UUID.randomUUID().toString();
                String correlationId = UUID.randomUUID().toString();
                originals.put(eventId, correlationId);
                producer.send(new ProducerRecord<>(IntentEvents.TOPIC, correlationId,
                        IntentEvents.claimSubmitted(eventId, correlationId, i, Instant.now())));
            }
            producer.flush();
        }
        return originals;
    }

    /** Counts what the intent topic holds under the replay's id against what the run recorded and the range held. */
    private static ReplayFigures count(FaultRun run, String scenario, String replayId, Map<String, String> originals,
            JsonNode end, long publishedAtKill, Duration downtime, Duration killToCompleted, Duration elapsed)
            throws SQLException {
        Map<String, Copy> recorded = recordedCopies(run.jdbcUrl(), replayId);
        Map<String, Integer> byEventId = new HashMap<>();
        Map<String, Integer> byOriginal = new HashMap<>();
        long[] committed = {0};
        long[] unexpected = {0};
        VerdictEvidence evidence = run.evidence();
        evidence.read(IntentEvents.TOPIC, "read_committed", record -> {
            if (!ofReplay(record, replayId)) {
                return;
            }
            committed[0]++;
            JsonNode event = JSON.readTree(record.value());
            String eventId = event.path("id").asString();
            String original = event.path("causationid").asString();
            byEventId.merge(eventId, 1, Integer::sum);
            byOriginal.merge(original, 1, Integer::sum);
            Copy copy = recorded.get(original);
            if (!originals.containsKey(original) || copy == null || !copy.eventId().equals(eventId)
                    || !copy.correlationId().equals(event.path("correlationid").asString())
                    || !copy.correlationId().equals(record.key())
                    || !replayId.equals(event.path("replayid").asString())) {
                unexpected[0]++;
            }
        });
        long[] uncommitted = {0};
        evidence.read(IntentEvents.TOPIC, "read_uncommitted", record -> {
            if (ofReplay(record, replayId)) {
                uncommitted[0]++;
            }
        });
        long lost = originals.keySet().stream().filter(original -> !byOriginal.containsKey(original)).count();
        long duplicatesById = byEventId.values().stream().mapToLong(n -> n - 1).sum();
        long duplicatesByOriginal = byOriginal.values().stream().mapToLong(n -> n - 1).sum();
        return new ReplayFigures("i. SIGKILL the reconciliation process mid-replay (" + originals.size() + " intents at "
                + SETTINGS.replayRate() + "/s, lease " + LEASE + "), restart it", originals.size(),
                end.path("state").asString(), end.path("selected").asLong(), end.path("published").asLong(),
                recorded.size(), publishedAtKill, committed[0], byEventId.size(), byOriginal.size(), lost,
                duplicatesById, duplicatesByOriginal, unexpected[0], uncommitted[0], downtime, killToCompleted, elapsed);
    }

    private static boolean ofReplay(ConsumerRecord<String, byte[]> record, String replayId) {
        Header header = record.headers().lastHeader(REPLAY_ID_HEADER);
        return header != null && replayId.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The copy a replay recorded for each original it selected. */
    private record Copy(String eventId, String correlationId) {
    }

    private static Map<String, Copy> recordedCopies(String jdbcUrl, String replayId) throws SQLException {
        Map<String, Copy> copies = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, RestartablePostgres.USER,
                RestartablePostgres.PASSWORD);
                PreparedStatement statement = connection.prepareStatement("SELECT original_event_id, event_id, "
                        + "correlation_id FROM reconciliation.replay_intent WHERE replay_id = ?")) {
            statement.setString(1, replayId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    copies.put(rs.getString(1), new Copy(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return copies;
    }

    /** The replay API as an admin calls it. */
    private record ReplayApi(URI uri) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        String request(Instant from, Instant to, int ratePerSecond) throws IOException, InterruptedException {
            String body = JSON.writeValueAsString(Map.of("context", OutcomeEvents.CONTEXT, "from", from.toString(),
                    "to", to.toString(), "reason", "fault suite: SIGKILL mid-replay", "ratePerSecond", ratePerSecond));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/replays"))
                    .header("Authorization", ADMIN).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /api/v1/replays answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body()).path("replayId").asString();
        }

        JsonNode get(String replayId) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/replays/" + replayId))
                    .header("Authorization", ADMIN).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/v1/replays/" + replayId + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
