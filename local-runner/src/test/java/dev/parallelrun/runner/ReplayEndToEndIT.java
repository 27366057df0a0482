package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.claims.application.InjectedSkew;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.testsupport.TestDatabases;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Governed replays and noise calibration, end to end (issue 11), on the whole platform: claims posted to the ingress
 * while the new claims service disagrees on some of them (its run-time risk-score skew), replayed after the "fix"
 * with a classification filter, and quotes calibrated by a noise run. What really happened is read from the
 * witnesses, never from the replay engine's own word: the legacy stand-in's request, quote and posting journals, the
 * shadow services' side-effect records, the dispatched side effects on {@code sideeffects.dispatched.v1}, the legacy
 * outcomes on their topic and the live match rates.
 */
class ReplayEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SKEWED = "CLM-SKEW-.*";
    private static LocalPlatform platform;
    private static TestDatabases.TestDatabase db;
    private static String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatform() throws Exception {
        brokers = System.getProperty("spring.embedded.kafka.brokers");
        db = TestDatabases.create("replay");
        platform = LocalPlatform.start(new LocalPlatform.Options(brokers, db.url(), db.user(), db.password(),
                Files.createTempDirectory("replay-state"), 0, 0, 0, 0, 0, 0, List.of(
                        "--legacy-system.latency=5ms",
                        "--reconciliation.correlation.contexts.claims.window=10s",
                        "--reconciliation.correlation.contexts.pricing.window=10s",
                        "--claims-service.fault-injection.skew-risk-score-claims=" + SKEWED)));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aReplayAfterTheShadowsFixShowsTheNewClassificationsNextToTheOldWithoutTouchingLegacyOrTheWorld()
            throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        List<String> skewed = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            skewed.add(postClaim("CLM-SKEW-" + UUID.randomUUID(), i));
            plain.add(postClaim("CLM-" + UUID.randomUUID(), i));
        }
        for (String correlationId : skewed) {
            Map<String, JsonNode> verdicts = awaitVerdicts(correlationId, 2);
            assertThat(verdicts.get("ClaimAssessed").get("classification").asString()).isEqualTo("MISMATCH");
            assertThat(paths(verdicts.get("ClaimAssessed"))).containsExactly("/riskScore");
            assertThat(verdicts.get("PaymentDecided").get("classification").asString()).isEqualTo("MATCH");
        }
        for (String correlationId : plain) {
            assertThat(awaitVerdicts(correlationId, 2).values())
                    .allSatisfy(v -> assertThat(v.get("classification").asString()).isEqualTo("MATCH"));
        }
        Instant to = Instant.now();
        // a verdict is stored before the shadow's side-effect records or legacy's journal are certain to be final
        await().atMost(WAIT).until(() -> shadowSideEffects(skewed.get(2)).size() == 2);
        JsonNode ratesBefore = matchRates("claims");
        Witnesses before = witnesses();
        int dispatchedBefore = topicEvents("sideeffects.dispatched.v1").size();
        Map<String, String> legacyOutcomesBefore = legacyOutcomes();

        platform.shadowBean(InjectedSkew.class).skewClaimsMatching(null);
        String replayId = post("/api/v1/replays", Map.of("context", "claims", "from", from.toString(),
                "to", to.toString(), "filter", Map.of("classification", "MISMATCH"),
                "reason", "shadow build fixes the risk score", "ratePerSecond", 20)).get("replayId").asString();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode run = get("/api/v1/replays/" + replayId);
            assertThat(run.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("decided").asLong()).isEqualTo(skewed.size() * 2L);
        });
        JsonNode run = get("/api/v1/replays/" + replayId);
        assertThat(run.get("selected").asLong()).isEqualTo(skewed.size());
        assertThat(run.get("published").asLong()).isEqualTo(skewed.size());
        assertThat(run.get("requestedBy").asString()).isEqualTo("admin");

        JsonNode page = get("/api/v1/replays/" + replayId + "/verdicts");
        JsonNode items = page.get("items");
        assertThat(items).hasSize(skewed.size() * 2);
        Map<String, String> replayedAs = new HashMap<>();
        for (JsonNode item : items) {
            String original = item.get("originalCorrelationId").asString();
            assertThat(original).isIn(skewed);
            replayedAs.put(item.get("correlationId").asString(), original);
            assertThat(item.get("classification").asString()).isEqualTo("MATCH");
            if (item.get("outcomeType").asString().equals("ClaimAssessed")) {
                assertThat(item.get("originalClassification").asString()).isEqualTo("MISMATCH");
                assertThat(item.get("resolved").asBoolean()).isTrue();
            } else {
                assertThat(item.get("originalClassification").asString()).isEqualTo("MATCH");
                assertThat(item.get("resolved").asBoolean()).isFalse();
            }
        }
        assertThat(Set.copyOf(replayedAs.values())).containsExactlyInAnyOrderElementsOf(skewed);
        assertThat(page.get("changes")).anySatisfy(change -> {
            assertThat(change.get("from").asString()).isEqualTo("MISMATCH");
            assertThat(change.get("to").asString()).isEqualTo("MATCH");
            assertThat(change.get("count").asLong()).isEqualTo(skewed.size());
        });

        // zero legacy calls, zero real side effects: every journal as it was, nothing new dispatched
        assertThat(witnesses()).isEqualTo(before);
        assertThat(topicEvents("sideeffects.dispatched.v1")).hasSize(dispatchedBefore);
        for (String replayed : replayedAs.keySet()) {
            assertThat(legacyUsage(replayedIntentId(replayed))).as("legacy never heard of %s", replayed)
                    .isEqualTo(Map.of("calls", 0, "decisions", 0, "simulations", 0));
            JsonNode effects = shadowSideEffects(replayed);
            assertThat(effects).as("the shadow's side effects of %s", replayed).hasSize(2)
                    .allSatisfy(e -> assertThat(e.get("status").asString()).isEqualTo("SUPPRESSED"));
        }
        // legacy's side of the replay is the outcome stored for the original, unchanged
        Map<String, String> legacyOutcomesAfter = legacyOutcomes();
        for (Map.Entry<String, String> replayed : replayedAs.entrySet()) {
            for (String type : List.of("ClaimAssessed", "PaymentDecided")) {
                assertThat(legacyOutcomesAfter.get(replayed.getKey() + "/" + type)).as("%s %s", replayed, type)
                        .isNotNull().isEqualTo(legacyOutcomesBefore.get(replayed.getValue() + "/" + type));
            }
        }
        // the live view is untouched: same agree / disagree / excluded counts, the originals still MISMATCH
        assertThat(matchRates("claims")).isEqualTo(ratesBefore);
        assertThat(awaitVerdicts(skewed.get(0), 2).get("ClaimAssessed").get("classification").asString())
                .isEqualTo("MISMATCH");

        // and a noise run over the same claims finds nothing: claims have no nondeterministic field
        JsonNode noise = awaitNoiseRun("claims", from, to, 2, 2);
        assertThat(noise.get("fields")).isEmpty();
        assertThat(noise.get("suggestions")).isEmpty();
        Witnesses afterNoise = witnesses();
        assertThat(afterNoise.postings()).isEqualTo(before.postings());
        assertThat(afterNoise.letters()).isEqualTo(before.letters());
        assertThat(afterNoise.bookings()).isEqualTo(before.bookings());
        assertThat(afterNoise.realClaimCalls()).isEqualTo(before.realClaimCalls());
        assertThat(afterNoise.claimSimulations()).isEqualTo(before.claimSimulations() + 4);
        assertThat(afterNoise.dispatched()).isEqualTo(before.dispatched());
        assertThat(topicEvents("sideeffects.dispatched.v1")).hasSize(dispatchedBefore);
        assertThat(matchRates("claims")).isEqualTo(ratesBefore);
    }

    @Test
    void aNoiseRunFindsExactlyThePlantedNondeterministicQuoteReference() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        List<String> quotes = List.of(
                postQuote("home", "DE", "private", "300000.00", List.of("glass", "theft", "roadside", "paperless")),
                postQuote("travel", "BE", "business", "5000.00", List.of("legal")),
                postQuote("home", "DE", "private", "250000.00", List.of("glass")));
        for (String correlationId : quotes) {
            awaitVerdicts(correlationId, 1);
        }
        Instant to = Instant.now();
        JsonNode ratesBefore = matchRates("pricing");
        Witnesses before = witnesses();
        int dispatchedBefore = topicEvents("sideeffects.dispatched.v1").size();

        int sample = 2;
        JsonNode report = awaitNoiseRun("pricing", from, to, sample, 1);

        assertThat(report.get("selected").asLong()).isEqualTo(sample * 2L);
        List<String> fields = new ArrayList<>();
        report.get("fields").forEach(f -> {
            fields.add(f.get("outcomeType").asString() + " " + f.get("path").asString() + " " + f.get("side").asString());
            assertThat(f.get("differingRate").asDouble()).as(f.toString()).isEqualTo(1.0);
        });
        assertThat(fields).containsExactlyInAnyOrder("PremiumQuoted /quoteReference legacy",
                "PremiumQuoted /quoteReference shadow");
        assertThat(report.get("suggestions")).anySatisfy(s -> {
            assertThat(s.get("outcomeType").asString()).isEqualTo("PremiumQuoted");
            assertThat(s.get("path").asString()).isEqualTo("/quoteReference");
            assertThat(s.get("rule").asString()).isEqualTo("ignore");
        });
        assertThat(report.get("suggestions")).hasSize(1);

        // legacy only simulated the copies (twice each), posted and wrote nothing; the shadow suppressed its effects
        Witnesses after = witnesses();
        assertThat(after.realQuoteCalls()).isEqualTo(before.realQuoteCalls());
        assertThat(after.quoteSimulations()).isEqualTo(before.quoteSimulations() + sample * 2);
        assertThat(after.postings()).isEqualTo(before.postings());
        assertThat(after.letters()).isEqualTo(before.letters());
        assertThat(after.dispatched()).isEqualTo(before.dispatched());
        assertThat(topicEvents("sideeffects.dispatched.v1")).hasSize(dispatchedBefore);
        String runId = report.get("noiseRunId").asString();
        List<String> copies = new ArrayList<>();
        get("/api/v1/replays/" + runId + "/verdicts").get("items")
                .forEach(item -> copies.add(item.get("correlationId").asString()));
        assertThat(copies).hasSize(sample * 2);
        assertThat(sideEffectStatuses("pricing_service", copies)).isNotEmpty().containsOnly("SUPPRESSED");
        assertThat(matchRates("pricing")).isEqualTo(ratesBefore);
    }

    /** Requests a noise run and waits for it to decide every copy ({@code outcomeTypes} verdicts per copy). */
    private JsonNode awaitNoiseRun(String context, Instant from, Instant to, int sample, int outcomeTypes)
            throws Exception {
        String runId = post("/api/v1/noise-runs", Map.of("context", context, "from", from.toString(),
                "to", to.toString(), "sample", sample)).get("noiseRunId").asString();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode run = get("/api/v1/noise-runs/" + runId);
            assertThat(run.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("decided").asLong()).isEqualTo((long) sample * 2 * outcomeTypes);
        });
        return get("/api/v1/noise-runs/" + runId);
    }

    // ------------------------------------------------------------------------------------------ witnesses

    /**
     * Everything that counts a call to legacy or a real side effect, summed over the whole platform. The stand-in's
     * journals count a simulated request as a call and as a simulation: real calls are the difference.
     */
    private record Witnesses(long realClaimCalls, long claimSimulations, long realQuoteCalls, long quoteSimulations,
            long bookings, long postings, long letters, long dispatched) {
    }

    private Witnesses witnesses() throws Exception {
        return new Witnesses(
                count("SELECT coalesce(sum(calls - simulations), 0) FROM legacy_system.request_journal"),
                count("SELECT coalesce(sum(simulations), 0) FROM legacy_system.request_journal"),
                count("SELECT coalesce(sum(calls - simulations), 0) FROM legacy_system.quote_journal"),
                count("SELECT coalesce(sum(simulations), 0) FROM legacy_system.quote_journal"),
                count("SELECT count(*) FROM legacy_system.booking"),
                count("SELECT count(*) FROM legacy_system.posting"),
                count("SELECT count(*) FROM legacy_system.letter"),
                count("SELECT (SELECT count(*) FROM claims_service.side_effect WHERE status = 'DISPATCHED')"
                        + " + (SELECT count(*) FROM pricing_service.side_effect WHERE status = 'DISPATCHED')"));
    }

    private long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> sideEffectStatuses(String schema, List<String> correlationIds) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement statement = connection.prepareStatement("SELECT status FROM " + schema
                        + ".side_effect WHERE correlation_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", correlationIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        return statuses;
    }

    /** The legacy stand-in's own account of a request key: how often it was called, decided and simulated. */
    private Map<String, Integer> legacyUsage(String requestKey) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.legacy().resolve(
                "/legacy/admin/requests/" + requestKey)).header("Authorization", basic("legacy-adapter")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = codec.mapper().readTree(response.body());
        return Map.of("calls", usage.get("calls").asInt(), "decisions", usage.get("decisions").asInt(),
                "simulations", usage.get("simulations").asInt());
    }

    /** The event id of the replayed intent with this correlation id (legacy's request key). */
    private String replayedIntentId(String correlationId) {
        return topicEvents(Topics.intents("claims")).stream().filter(e -> correlationId.equals(e.correlationId()))
                .map(CloudEvent::id).findFirst().orElseThrow();
    }

    /** The data of every legacy claims outcome by "correlation id/outcome type". */
    private Map<String, String> legacyOutcomes() {
        return topicEvents(Topics.OUTCOMES_LEGACY).stream().filter(e -> e.outcomeType() != null)
                .collect(Collectors.toMap(e -> e.correlationId() + "/" + e.outcomeType(),
                        e -> e.data().toString(), (first, later) -> first,
                        LinkedHashMap::new));
    }

    private JsonNode shadowSideEffects(String correlationId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.shadow().resolve(
                "/api/v1/side-effects?correlationId=" + correlationId)).header("Authorization", basic("auditor"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body()).get("items");
    }

    private List<CloudEvent> topicEvents(String topic) {
        List<CloudEvent> events = new ArrayList<>();
        readToEnd(topic, events::add);
        return events;
    }

    private void readToEnd(String topic, Consumer<CloudEvent> sink) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "replay-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> sink.accept(codec.read(record.value())));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
    }

    // ------------------------------------------------------------------------------------------ HTTP

    /** Clean claims both sides agree on (PlatformEndToEndIT's MATCH cases), alternating. */
    private String postClaim(String claimId, int i) throws Exception {
        boolean travel = i % 2 == 0;
        Map<String, Object> claim = new HashMap<>();
        claim.put("claimId", claimId);
        claim.put("policyId", travel ? "POL-4721" : "POL-4711");
        claim.put("productLine", travel ? "travel" : "motor");
        claim.put("region", "DE");
        claim.put("claimedAmount", new BigDecimal(travel ? "640.00" : "1234.60"));
        claim.put("currency", "EUR");
        claim.put("incidentDate", LocalDate.now().minusDays(3).toString());
        claim.put("description", travel ? "lost luggage" : "rear-end collision");
        claim.put("claimant", Map.of("name", "Erika Mustermann", "email", "erika@example.org"));
        return postIntent("ClaimSubmitted", claim);
    }

    private String postQuote(String productLine, String region, String segment, String insuredSum,
            List<String> options) throws Exception {
        Map<String, Object> quote = new HashMap<>();
        quote.put("quoteId", "QTE-" + UUID.randomUUID());
        quote.put("productLine", productLine);
        quote.put("region", region);
        quote.put("customerSegment", segment);
        quote.put("insuredSum", new BigDecimal(insuredSum));
        quote.put("currency", "EUR");
        quote.put("requestedOptions", options);
        quote.put("customer", Map.of("name", "Erika Mustermann", "email", "erika@example.org"));
        return postIntent("QuoteRequested", quote);
    }

    private String postIntent(String type, Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.ingress().resolve("/api/v1/intents/" + type))
                .header("Content-Type", "application/json")
                .header(Headers.API_KEY, LocalRunner.LOCAL_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return codec.mapper().readTree(response.body()).get("correlationId").asString();
    }

    private Map<String, JsonNode> awaitVerdicts(String correlationId, int count) {
        JsonNode transaction = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(platform.reconciliation().resolve(
                    "/api/v1/reconciliations/" + correlationId)).header("Authorization", basic("auditor")).GET());
            return response.statusCode() == 200 ? codec.mapper().readTree(response.body()) : null;
        }, body -> body != null && body.get("verdicts").size() == count);
        Map<String, JsonNode> byType = new HashMap<>();
        transaction.get("verdicts").forEach(v -> byType.put(v.get("outcomeType").asString(), v));
        return byType;
    }

    private static List<String> paths(JsonNode verdict) {
        List<String> paths = new ArrayList<>();
        verdict.get("differences").forEach(d -> paths.add(d.get("path").asString()));
        return paths;
    }

    private JsonNode matchRates(String context) throws Exception {
        return get("/api/v1/match-rates?context=" + context + "&window=PT1H");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(platform.reconciliation().resolve(path))
                .header("Authorization", basic("auditor")).GET());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }

    private JsonNode post(String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(platform.reconciliation().resolve(path))
                .header("Content-Type", "application/json").header("Authorization", basic("admin"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(body))));
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(202);
        return codec.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
