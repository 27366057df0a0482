package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.testsupport.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A cutover, end to end, under traffic: the claims context goes SHADOW → VALIDATED → SELECTIVE (motor in DE) → FULL,
 * a claim the new service fails on falls back to legacy, and authority rolls back to SHADOW, while claims of three
 * cohorts keep flowing. Then, for every intent, from the witnesses of what really happened (the legacy stand-in's
 * posting journal, the shadow service's side-effect records and the dispatched side effects on
 * {@code sideeffects.dispatched.v1}): exactly one real side effect per intended effect, on the side the intent's stamp
 * names; {@code outcomes.authoritative.v1} has exactly one outcome per pair, from that side (or the fallback); resolve
 * answers for any past time; the evidence pack's digest is stable once nothing changes.
 */
class CutoverEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final List<String[]> COHORTS = List.of(new String[] {"motor", "DE"}, new String[] {"motor", "FR"},
            new String[] {"home", "DE"});
    private static LocalPlatform platform;
    private static String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatform() throws Exception {
        brokers = System.getProperty("spring.embedded.kafka.brokers");
        TestDatabases.TestDatabase db = TestDatabases.create("cutover");
        platform = LocalPlatform.start(new LocalPlatform.Options(brokers, db.url(), db.user(), db.password(),
                Files.createTempDirectory("cutover-state"), 0, 0, 0, 0, 0, 0, List.of(
                        "--legacy-system.latency=5ms",
                        "--reconciliation.correlation.contexts.claims.window=10s",
                        "--reconciliation.correlation.contexts.pricing.window=10s",
                        // the new service acts on its authority well within the window (docs/authority.md)
                        "--participant.authority-deadline=5s")));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void refusesBadDecisionsAsProblems() throws Exception {
        assertProblem(decide("admin", "no-such-context", Map.of("stage", "VALIDATED", "reason", "x",
                "overrideReadiness", "x")), 404);
        assertProblem(decide("admin", "claims", Map.of("stage", "HALFWAY", "reason", "x")), 422);
        assertProblem(decide("admin", "claims", Map.of("stage", "SELECTIVE", "reason", "x", "overrideReadiness", "x",
                "cohorts", List.of(Map.of()))), 422);
        assertProblem(decide("auditor", "pricing", Map.of("stage", "VALIDATED", "reason", "x",
                "overrideReadiness", "x")), 403);
        assertProblem(decide("operator", "pricing", Map.of("stage", "VALIDATED", "reason", "x",
                "overrideReadiness", "x")), 403);
        assertProblem(decide("admin", "pricing", Map.of("stage", "FULL", "reason", "skipping",
                "overrideReadiness", "x")), 409);
    }

    @Test
    void claimsMovesThroughEveryStageAndBackWithEachSideEffectOnceOnTheAuthoritativeSide() throws Exception {
        Instant started = Instant.now();
        Traffic traffic = new Traffic();
        traffic.start();
        try {
            traffic.awaitMore(10);
            HttpResponse<String> notReady = decide("admin", "claims", Map.of("stage", "VALIDATED",
                    "reason", "routine comparison approved"));
            assertProblem(notReady, 409);

            JsonNode validated = promote("VALIDATED", List.of(), "routine comparison approved",
                    "e2e: a fresh platform has no 24 hours of evidence");
            assertThat(validated.get("override").asString()).isEqualTo("e2e: a fresh platform has no 24 hours of evidence");
            assertThat(validated.get("previous").get("stage").asString()).isEqualTo("SHADOW");
            assertThat(validated.get("readiness").get("ready").asBoolean()).isFalse();
            traffic.awaitStampedWith(validated.get("decisionId").asString(), 10);

            JsonNode selective = promote("SELECTIVE", List.of(Map.of("productLine", "motor", "region", "DE")),
                    "motor in Germany first", "e2e: override");
            traffic.awaitStampedWith(selective.get("decisionId").asString(), 15);

            JsonNode full = promote("FULL", List.of(), "everything", "e2e: override");
            traffic.awaitStampedWith(full.get("decisionId").asString(), 10);
            Posted failing = traffic.post("motor", "DE", "CLM-SHADOWFAIL-" + UUID.randomUUID());

            JsonNode rollback = promote("SHADOW", List.of(), "roll back after the fallback", null);
            assertThat(rollback.get("override").isNull()).isTrue();
            assertThat(rollback.get("previous").get("stage").asString()).isEqualTo("FULL");
            traffic.awaitStampedWith(rollback.get("decisionId").asString(), 10);
            traffic.stop();

            List<Posted> posted = traffic.posted();
            Map<String, CloudEvent> intents = intentsByCorrelation(posted.size());
            assertThat(intents.keySet()).containsAll(posted.stream().map(Posted::correlationId).toList());

            Map<String, List<CloudEvent>> authoritative = awaitAuthoritativeOutcomes(posted);
            List<CloudEvent> dispatched = dispatchedSideEffects();

            int shadowAuthoritative = 0;
            for (Posted p : posted) {
                CloudEvent intent = intents.get(p.correlationId());
                Side stamped = intent.authoritySide() == null ? Side.LEGACY : intent.authoritySide();
                boolean fallback = p.correlationId().equals(failing.correlationId());
                List<CloudEvent> truth = authoritative.get(p.correlationId());
                assertThat(truth).as("authoritative outcomes of %s", p).hasSize(2);
                assertThat(truth).extracting(CloudEvent::outcomeType).containsExactlyInAnyOrder("ClaimAssessed",
                        "PaymentDecided");
                JsonNode shadowEffects = shadowSideEffects(p.correlationId());
                if (fallback) {
                    assertThat(stamped).isEqualTo(Side.SHADOW);
                    assertThat(truth).allSatisfy(outcome -> {
                        assertThat(outcome.outcomeSide()).isEqualTo(Side.LEGACY);
                        assertThat(outcome.isFallback()).isTrue();
                    });
                    assertThat(postingsOf(intent.id())).as("no posting for the simulated call").isZero();
                    assertThat(postingsOf(truth.get(0).causationId())).as("one posting for the fallback").isEqualTo(1);
                    assertThat(shadowEffects).as("a failed decision asks for no side effect").isEmpty();
                    continue;
                }
                assertThat(truth).allSatisfy(outcome -> {
                    assertThat(outcome.outcomeSide()).isEqualTo(stamped);
                    assertThat(outcome.isFallback()).isFalse();
                });
                assertThat(shadowEffects).isNotEmpty();
                if (stamped == Side.SHADOW) {
                    shadowAuthoritative++;
                    assertThat(postingsOf(intent.id())).as("legacy simulated %s", p).isZero();
                    for (JsonNode effect : shadowEffects) {
                        assertThat(effect.get("status").asString()).isEqualTo("DISPATCHED");
                        String id = effect.get("id").asString();
                        assertThat(dispatched).as("dispatched once: %s", effect)
                                .filteredOn(event -> event.id().equals(id)).hasSize(1);
                    }
                } else {
                    assertThat(postingsOf(intent.id())).as("legacy posted %s", p).isEqualTo(1);
                    for (JsonNode effect : shadowEffects) {
                        assertThat(effect.get("status").asString()).isEqualTo("SUPPRESSED");
                        String id = effect.get("id").asString();
                        assertThat(dispatched).filteredOn(event -> event.id().equals(id)).isEmpty();
                    }
                }
                boolean inCohort = "motor".equals(p.productLine()) && "DE".equals(p.region());
                String decision = intent.authorityDecision();
                if (selective.get("decisionId").asString().equals(decision)) {
                    assertThat(stamped).isEqualTo(inCohort ? Side.SHADOW : Side.LEGACY);
                } else if (full.get("decisionId").asString().equals(decision)) {
                    assertThat(stamped).isEqualTo(Side.SHADOW);
                } else {
                    assertThat(stamped).isEqualTo(Side.LEGACY);
                }
            }
            assertThat(shadowAuthoritative).as("the new service was authoritative for some intents").isPositive();

            assertResolvesEveryPastTime(started, validated, selective, full, rollback);
            assertHistory(validated, selective, full, rollback);
            assertEvidenceDigestIsStable(started);
        } finally {
            traffic.stop();
        }
    }

    private void assertResolvesEveryPastTime(Instant before, JsonNode validated, JsonNode selective, JsonNode full,
            JsonNode rollback) throws Exception {
        assertResolved(before, "motor", "DE", "legacy", null);
        assertResolved(at(validated), "motor", "DE", "legacy", validated);
        assertResolved(at(selective), "motor", "DE", "shadow", selective);
        assertResolved(at(selective), "motor", "FR", "legacy", selective);
        assertResolved(at(selective), "home", "DE", "legacy", selective);
        assertResolved(at(full), "home", "DE", "shadow", full);
        assertResolved(at(rollback), "motor", "DE", "legacy", rollback);
    }

    private static Instant at(JsonNode decision) {
        return Instant.parse(decision.get("decidedAt").asString()).plusMillis(1);
    }

    private void assertResolved(Instant at, String productLine, String region, String side, JsonNode decision)
            throws Exception {
        HttpResponse<String> response = get("auditor", "/api/v1/authority/claims/resolve?at=" + at
                + "&productLine=" + productLine + "&region=" + region + "&channel=local-dev");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode resolved = codec.mapper().readTree(response.body());
        assertThat(resolved.get("side").asString()).as("%s %s/%s", at, productLine, region).isEqualTo(side);
        if (decision == null) {
            assertThat(resolved.get("decisionId") == null || resolved.get("decisionId").isNull()).isTrue();
        } else {
            assertThat(resolved.get("decisionId").asString()).isEqualTo(decision.get("decisionId").asString());
        }
    }

    private void assertHistory(JsonNode... decisions) throws Exception {
        HttpResponse<String> response = get("auditor", "/api/v1/authority/claims/decisions");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        codec.mapper().readTree(response.body()).forEach(d -> ids.add(d.get("decisionId").asString()));
        List<String> expected = new ArrayList<>();
        for (int i = decisions.length - 1; i >= 0; i--) {
            expected.add(decisions[i].get("decisionId").asString());
        }
        assertThat(ids).as("newest first").containsExactlyElementsOf(expected);
        HttpResponse<String> current = get("auditor", "/api/v1/authority");
        assertThat(codec.mapper().readTree(current.body())).anySatisfy(c -> {
            assertThat(c.get("context").asString()).isEqualTo("claims");
            assertThat(c.get("stage").asString()).isEqualTo("SHADOW");
        });
    }

    private void assertEvidenceDigestIsStable(Instant from) throws Exception {
        String period = "?from=" + from.minusSeconds(60) + "&to=" + Instant.now();
        HttpResponse<String> first = get("auditor", "/api/v1/evidence/claims" + period);
        HttpResponse<String> second = get("auditor", "/api/v1/evidence/claims" + period);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String digest = codec.mapper().readTree(first.body()).get("digest").asString();
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(codec.mapper().readTree(second.body()).get("digest").asString()).isEqualTo(digest);
        assertThat(codec.mapper().readTree(first.body()).toString()).contains("roll back after the fallback");
    }

    // ------------------------------------------------------------------------------------------ traffic

    private record Posted(String correlationId, String eventId, String claimId, String productLine, String region) {
    }

    /** Claims of three cohorts, posted every 100 ms from a scheduler until stopped. */
    private final class Traffic {

        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        private final List<Posted> posted = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();

        void start() {
            scheduler.scheduleAtFixedRate(() -> {
                String[] cohort = COHORTS.get(next.getAndIncrement() % COHORTS.size());
                try {
                    post(cohort[0], cohort[1], "CLM-" + UUID.randomUUID());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        void stop() {
            scheduler.shutdownNow();
        }

        synchronized List<Posted> posted() {
            return List.copyOf(posted);
        }

        void awaitMore(int count) {
            int now = posted().size();
            await().atMost(WAIT).until(() -> posted().size() >= now + count);
        }

        /** Waits until the ingress stamps a decision on the intents it accepts, and a few more have been posted. */
        void awaitStampedWith(String decisionId, int more) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<Posted> recent = posted();
                Map<String, CloudEvent> intents = intentsByCorrelation(0);
                return recent.stream().map(p -> intents.get(p.correlationId()))
                        .filter(java.util.Objects::nonNull)
                        .filter(intent -> decisionId.equals(intent.authorityDecision())).count() >= more;
            });
        }

        Posted post(String productLine, String region, String claimId) throws Exception {
            Map<String, Object> claim = new HashMap<>();
            claim.put("claimId", claimId);
            claim.put("policyId", "POL-" + (4700 + next.get() % 50));
            claim.put("productLine", productLine);
            claim.put("region", region);
            claim.put("claimedAmount", new BigDecimal("1234.60"));
            claim.put("currency", "EUR");
            claim.put("incidentDate", LocalDate.now().minusDays(3).toString());
            claim.put("description", "rear-end collision");
            claim.put("claimant", Map.of("name", "Erika Mustermann", "email", "erika@example.org"));
            HttpRequest request = HttpRequest.newBuilder(platform.ingress().resolve("/api/v1/intents/ClaimSubmitted"))
                    .header("Content-Type", "application/json")
                    .header(Headers.API_KEY, LocalRunner.LOCAL_API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(claim)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode json = codec.mapper().readTree(response.body());
            Posted p = new Posted(json.get("correlationId").asString(), json.get("eventId").asString(), claimId,
                    productLine, region);
            synchronized (this) {
                posted.add(p);
            }
            return p;
        }
    }

    // ------------------------------------------------------------------------------------------ witnesses

    private final Map<String, CloudEvent> intentCache = new ConcurrentHashMap<>();

    /** The intents on the claims topic by correlation id (fallback intents left out), read to the current end. */
    private Map<String, CloudEvent> intentsByCorrelation(int atLeast) {
        readToEnd(Topics.intents("claims"), event -> {
            if (!event.isFallback()) {
                intentCache.put(event.correlationId(), event);
            }
        });
        assertThat(intentCache.size()).isGreaterThanOrEqualTo(atLeast);
        return Map.copyOf(intentCache);
    }

    private Map<String, List<CloudEvent>> awaitAuthoritativeOutcomes(List<Posted> posted) {
        Set<String> expected = new java.util.HashSet<>(posted.stream().map(Posted::correlationId).toList());
        Map<String, List<CloudEvent>> byCorrelation = new LinkedHashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            byCorrelation.clear();
            readToEnd(Topics.AUTHORITATIVE_OUTCOMES, event -> {
                if (expected.contains(event.correlationId())) {
                    byCorrelation.computeIfAbsent(event.correlationId(), k -> new ArrayList<>()).add(event);
                }
            });
            return expected.stream().allMatch(id -> byCorrelation.getOrDefault(id, List.of()).size() >= 2);
        });
        return byCorrelation;
    }

    private List<CloudEvent> dispatchedSideEffects() {
        List<CloudEvent> events = new ArrayList<>();
        readToEnd("sideeffects.dispatched.v1", events::add);
        return events;
    }

    private void readToEnd(String topic, java.util.function.Consumer<CloudEvent> sink) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "cutover-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> sink.accept(codec.read(record.value())));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
    }

    private JsonNode shadowSideEffects(String correlationId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.shadow().resolve(
                "/api/v1/side-effects?correlationId=" + correlationId)).header("Authorization", basic("auditor"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body()).get("items");
    }

    /** Real postings the legacy stand-in made under a request key (its posting journal). */
    private int postingsOf(String requestKey) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.legacy().resolve(
                "/legacy/postings?reqKey=" + URLEncoder.encode(requestKey, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "legacy-adapter:legacy-adapter".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = codec.mapper().readTree(response.body());
        return (body.isArray() ? body : body.get("items")).size();
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private JsonNode promote(String stage, List<Map<String, String>> cohorts, String reason, String override)
            throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("stage", stage);
        body.put("cohorts", cohorts);
        body.put("reason", reason);
        if (override != null) {
            body.put("overrideReadiness", override);
        }
        HttpResponse<String> response = decide("admin", "claims", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode decision = codec.mapper().readTree(response.body());
        assertThat(decision.get("stage").asString()).isEqualTo(stage);
        assertThat(decision.get("decidedBy").asString()).isEqualTo("admin");
        assertThat(decision.get("reason").asString()).isEqualTo(reason);
        return decision;
    }

    private HttpResponse<String> decide(String user, String context, Map<String, ?> body) throws Exception {
        return http.send(HttpRequest.newBuilder(platform.reconciliation().resolve(
                "/api/v1/authority/" + context + "/decisions"))
                .header("Content-Type", "application/json").header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        URI uri = platform.reconciliation().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", basic(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type for " + status)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
}
