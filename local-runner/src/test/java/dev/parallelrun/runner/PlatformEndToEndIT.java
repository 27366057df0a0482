package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole parallel run, end to end: claims posted over HTTP to the ingress travel through the
 * legacy adapter and the legacy stand-in on one side, the shadow claims service on the other, and
 * come back as verdicts through the reconciliation API. Every service runs as in production, on the
 * in-process Kafka broker and a real PostgreSQL.
 */
class PlatformEndToEndIT {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(90);
    private static LocalPlatform platform;
    private static String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatform() throws Exception {
        brokers = System.getProperty("spring.embedded.kafka.brokers");
        TestDatabases.TestDatabase db = TestDatabases.create("platform");
        platform = LocalPlatform.start(new LocalPlatform.Options(brokers, db.url(), db.user(), db.password(),
                Files.createTempDirectory("platform-state"), 0, 0, 0, 0, 0, 0, List.of(
                        "--legacy-system.latency=5ms",
                        "--legacy-system.slow-delay=3s",
                        "--legacy-adapter.legacy.read-timeout=1s",
                        "--legacy-adapter.legacy.retry.max-attempts=2",
                        "--reconciliation.correlation.contexts.claims.window=20s",
                        "--reconciliation.correlation.contexts.pricing.window=20s")));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aCleanClaimMatchesOnBothOutcomes() throws Exception {
        Accepted accepted = post(claim("motor", "1234.60", "POL-4711", "rear-end collision"), null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        assertThat(verdicts.get("ClaimAssessed").get("classification").asString()).isEqualTo("MATCH");
        assertThat(verdicts.get("PaymentDecided").get("classification").asString()).isEqualTo("MATCH");
        JsonNode payment = verdicts.get("PaymentDecided").get("shadow");
        assertThat(payment.get("decision").asString()).isEqualTo("APPROVED");
        assertThat(payment.get("paymentAmount").decimalValue()).isEqualByComparingTo("976.14");
    }

    @Test
    void aRoundingPolicyDifferenceIsTolerated() throws Exception {
        Accepted accepted = post(claim("motor", "1234.65", "POL-4712", "broken windscreen"), null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        JsonNode payment = verdicts.get("PaymentDecided");
        assertThat(payment.get("classification").asString()).isEqualTo("TOLERATED");
        assertThat(payment.get("severity").asString()).isEqualTo("NONE");
        assertThat(payment.get("differences")).allSatisfy(d -> {
            assertThat(d.get("comparator").asString()).isEqualTo("rounding");
            assertThat(d.get("withinTolerance").asBoolean()).isTrue();
        });
        assertThat(payment.get("legacy").get("paymentAmount").decimalValue()).isEqualByComparingTo("976.19");
        assertThat(payment.get("shadow").get("paymentAmount").decimalValue()).isEqualByComparingTo("976.18");
        List<String> paths = new ArrayList<>();
        payment.get("differences").forEach(d -> paths.add(d.get("path").asString()));
        assertThat(paths).contains("/paymentAmount");
        assertThat(verdicts.get("ClaimAssessed").get("classification").asString()).isEqualTo("MATCH");
    }

    @Test
    void aClaimTheLegacySystemFailsOnIsClassifiedFailed() throws Exception {
        Accepted accepted = post(claim("home", "800.00", "POL-4713", "water damage", "CLM-FAIL-" + UUID.randomUUID()), null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        assertThat(verdicts.values()).allSatisfy(v -> assertThat(v.get("classification").asString()).isEqualTo("FAILED"));
        assertThat(verdicts.get("PaymentDecided").get("legacy").get("reason").asString()).startsWith("legacy-");
    }

    @Test
    void anUnknownPolicyIsADataQualityVerdict() throws Exception {
        Accepted accepted = post(claim("travel", "300.00", "POL-000", "lost luggage"), null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        assertThat(verdicts.values()).allSatisfy(v -> assertThat(v.get("classification").asString()).isEqualTo("DATA_QUALITY"));
    }

    @Test
    void theNewFraudModelsRicherReasonsAreAnExpectedDifference() throws Exception {
        Accepted accepted = post(claim("home", "7000.00", "POL-4714", "bicycle stolen from the garage"), null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        JsonNode assessed = verdicts.get("ClaimAssessed");
        assertThat(assessed.get("classification").asString()).isEqualTo("EXPECTED_DIFFERENCE");
        assertThat(assessed.get("differences")).singleElement().satisfies(d -> {
            assertThat(d.get("path").asString()).isEqualTo("/riskReasons");
            assertThat(d.get("comparator").asString()).isEqualTo("unordered+variance:fraud-model-v2-granular-reasons");
            assertThat(d.get("variance").asString()).isEqualTo("fraud-model-v2-granular-reasons");
        });
        assertThat(verdicts.get("PaymentDecided").get("classification").asString()).isEqualTo("MATCH");
        assertThat(assessed.get("legacy").get("fraudDecision").asString()).isEqualTo("REVIEW");
        assertThat(assessed.get("shadow").get("fraudDecision").asString()).isEqualTo("REVIEW");
        assertThat(assessed.get("shadow").get("riskReasons").size()).isGreaterThan(assessed.get("legacy").get("riskReasons").size());
    }

    @Test
    void theNewFraudModelsSameDayReviewIsACriticalMismatch() throws Exception {
        Map<String, Object> body = claim("home", "12000.00", "POL-4719", "storm damage to the roof");
        body.put("incidentDate", LocalDate.now(ZoneOffset.UTC).toString());
        Accepted accepted = post(body, null, null);

        Map<String, JsonNode> verdicts = awaitVerdicts(accepted.correlationId(), 2);

        JsonNode assessed = verdicts.get("ClaimAssessed");
        assertThat(assessed.get("classification").asString()).isEqualTo("MISMATCH");
        assertThat(assessed.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(assessed.get("legacy").get("fraudDecision").asString()).isEqualTo("CLEAR");
        assertThat(assessed.get("shadow").get("fraudDecision").asString()).isEqualTo("REVIEW");
        List<String> paths = new ArrayList<>();
        assessed.get("differences").forEach(d -> paths.add(d.get("path").asString()));
        assertThat(paths).containsExactly("/fraudDecision", "/riskScore", "/riskReasons");
        assertThat(verdicts.get("PaymentDecided").get("classification").asString()).isEqualTo("MATCH");
    }

    @Test
    void theClaimsMixShowsEveryClassificationAndEveryVerdictNamesARuleSetTheApiServes() throws Exception {
        Map<String, Object> sameDay = claim("motor", "15000.00", "POL-4720", "rear-end collision");
        sameDay.put("incidentDate", LocalDate.now(ZoneOffset.UTC).toString());
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put(post(claim("travel", "640.00", "POL-4721", "lost luggage"), null, null).correlationId(), "MATCH");
        expected.put(post(claim("motor", "1234.65", "POL-4722", "broken windscreen"), null, null).correlationId(), "TOLERATED");
        expected.put(post(claim("home", "7000.00", "POL-4723", "bicycle stolen"), null, null).correlationId(), "EXPECTED_DIFFERENCE");
        expected.put(post(sameDay, null, null).correlationId(), "MISMATCH");
        expected.put(post(claim("home", "800.00", "POL-4724", "water damage", "CLM-FAIL-" + UUID.randomUUID()), null, null)
                .correlationId(), "FAILED");
        expected.put(post(claim("travel", "300.00", "POL-000", "lost luggage"), null, null).correlationId(), "DATA_QUALITY");

        for (Map.Entry<String, String> claim : expected.entrySet()) {
            Map<String, JsonNode> verdicts = awaitVerdicts(claim.getKey(), 2);
            assertThat(verdicts.values()).extracting(v -> v.get("classification").asString()).as(claim.getValue())
                    .contains(claim.getValue());
        }
        for (String classification : new java.util.TreeSet<>(expected.values())) {
            HttpResponse<String> listed = get("/api/v1/reconciliations?context=claims&classification=" + classification);
            assertThat(codec.mapper().readTree(listed.body()).get("items")).as(classification).isNotEmpty();
        }

        // every stored verdict: the current ones from the list, the superseded ones from their transaction's history
        java.util.Set<String> versions = new java.util.TreeSet<>();
        java.util.Set<String> superseding = new java.util.TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = codec.mapper().readTree(get("/api/v1/reconciliations?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.get("items").forEach(v -> {
                versions.add(v.get("ruleSetVersion").asString());
                if (v.get("revision").asInt() > 1) {
                    superseding.add(v.get("correlationId").asString());
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        for (String correlationId : superseding) {
            codec.mapper().readTree(get("/api/v1/reconciliations/" + correlationId).body()).get("verdicts")
                    .forEach(v -> v.get("history").forEach(h -> versions.add(h.get("ruleSetVersion").asString())));
        }
        assertThat(versions).isNotEmpty();
        for (String version : versions) {
            HttpResponse<String> ruleSet = get("/api/v1/rule-sets/" + version);
            assertThat(ruleSet.statusCode()).as(version).isEqualTo(200);
            assertThat(codec.mapper().readTree(ruleSet.body()).get("version").asString()).isEqualTo(version);
        }
        assertThat(versions).anySatisfy(v -> assertThat(v).startsWith("claims-1@sha256:"));
    }

    @Test
    void anIdempotentRetryGivesTheSameAnswerAndOneVerdictPerOutcome() throws Exception {
        Map<String, Object> body = claim("travel", "640.00", "POL-4715", "lost luggage");
        String key = UUID.randomUUID().toString();

        Accepted first = post(body, key, null);
        Accepted retry = post(body, key, null);
        HttpResponse<String> thirdTry = send(body, key, null, "application/json", LocalRunner.LOCAL_API_KEY);

        assertThat(retry).isEqualTo(first);
        assertThat(thirdTry.statusCode()).isEqualTo(202);
        Map<String, Object> otherBody = new HashMap<>(body);
        otherBody.put("claimedAmount", new java.math.BigDecimal("641.00"));
        assertThat(send(otherBody, key, null, "application/json", LocalRunner.LOCAL_API_KEY).statusCode()).isEqualTo(409);
        Map<String, JsonNode> verdicts = awaitVerdicts(first.correlationId(), 2);
        assertThat(verdicts.values()).allSatisfy(v -> {
            assertThat(v.get("classification").asString()).isEqualTo("MATCH");
            assertThat(v.get("history")).isEmpty();
        });
        assertThat(intentsFor(first.correlationId())).hasSize(1);
    }

    @Test
    void badInputGetsProblemDetailsAndPublishesNothing() throws Exception {
        String correlationId = "bad-input-" + UUID.randomUUID();
        Map<String, Object> valid = claim("motor", "500.00", "POL-4716", "scratched door");
        Map<String, Object> missing = new HashMap<>(valid);
        missing.remove("policyId");

        assertProblem(sendRaw("{\"claimId\": ".getBytes(StandardCharsets.UTF_8), correlationId, "application/json",
                LocalRunner.LOCAL_API_KEY), 400);
        assertProblem(send(valid, null, correlationId, "text/plain", LocalRunner.LOCAL_API_KEY), 415);
        assertProblem(send(missing, null, correlationId, "application/json", LocalRunner.LOCAL_API_KEY), 422);
        assertProblem(send(valid, null, correlationId, "application/json", "not-a-key"), 401);
        Map<String, Object> huge = new HashMap<>(valid);
        huge.put("description", "x".repeat(200_000));
        assertProblem(send(huge, null, correlationId, "application/json", LocalRunner.LOCAL_API_KEY), 413);

        Accepted marker = post(claim("motor", "500.00", "POL-4717", "scratched door"), null, null);
        awaitVerdicts(marker.correlationId(), 2);
        assertThat(intentsFor(correlationId)).isEmpty();
        assertThat(get("/api/v1/reconciliations/" + correlationId).statusCode()).isEqualTo(404);
    }

    @Test
    void reportsMatchRatesOverTheTrafficSoFar() throws Exception {
        Accepted accepted = post(claim("travel", "120.00", "POL-4718", "lost luggage"), null, null);
        awaitVerdicts(accepted.correlationId(), 2);

        HttpResponse<String> response = get("/api/v1/match-rates?context=claims&window=PT1H");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode rates = codec.mapper().readTree(response.body());
        assertThat(rates).isNotEmpty();
        rates.forEach(rate -> {
            assertThat(rate.get("context").asString()).isEqualTo("claims");
            assertThat(rate.get("agree").asLong()).isPositive();
        });
    }

    @Test
    void theGoldenQuoteDiffersOnlyByLegacysPerLineTaxRoundingAndTheNewPaperlessPromotion() throws Exception {
        Accepted accepted = postQuote(quote("home", "DE", "private", "300000.00",
                List.of("glass", "theft", "roadside", "paperless")));

        JsonNode verdict = awaitVerdicts(accepted.correlationId(), 1).get("PremiumQuoted");

        assertThat(accepted.type()).isEqualTo("pricing.QuoteRequested.v1");
        assertThat(verdict.get("context").asString()).isEqualTo("pricing");
        assertThat(verdict.get("classification").asString()).isEqualTo("EXPECTED_DIFFERENCE");
        assertThat(verdict.get("ruleSetVersion").asString()).startsWith("pricing-2@sha256:");
        assertThat(verdict.get("legacy").get("grossPremium").decimalValue()).isEqualByComparingTo("633.04");
        assertThat(verdict.get("shadow").get("grossPremium").decimalValue()).isEqualByComparingTo("633.03");
        Map<String, String> comparators = new HashMap<>();
        verdict.get("differences").forEach(d -> comparators.put(d.get("path").asString(), d.get("comparator").asString()));
        assertThat(comparators).containsEntry("/promotions", "unordered+variance:paperless-marketing-promotion")
                .containsEntry("/grossPremium", "numeric").containsEntry("/taxAmount", "numeric")
                .doesNotContainKeys("/netPremium", "/taxBasis", "/discountReasons", "/quoteReference");
    }

    @Test
    void aQuoteWhosePerLineTaxRoundingCostsACentIsTolerated() throws Exception {
        Accepted accepted = postQuote(quote("travel", "BE", "business", "5000.00", List.of("legal")));

        JsonNode verdict = awaitVerdicts(accepted.correlationId(), 1).get("PremiumQuoted");

        assertThat(verdict.get("classification").asString()).isEqualTo("TOLERATED");
        assertThat(verdict.get("legacy").get("taxAmount").decimalValue()).isEqualByComparingTo("8.61");
        assertThat(verdict.get("shadow").get("taxAmount").decimalValue()).isEqualByComparingTo("8.60");
        assertThat(verdict.get("legacy").get("taxBasis").asString()).isEqualTo("BE-IPT-9.25");
        HttpResponse<String> rates = get("/api/v1/match-rates?context=pricing&window=PT1H");
        assertThat(rates.statusCode()).isEqualTo(200);
        assertThat(codec.mapper().readTree(rates.body())).isNotEmpty()
                .allSatisfy(rate -> assertThat(rate.get("context").asString()).isEqualTo("pricing"));
    }

    private Map<String, JsonNode> awaitVerdicts(String correlationId, int count) {
        JsonNode transaction = await().atMost(VERDICT_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> response = get("/api/v1/reconciliations/" + correlationId);
            return response.statusCode() == 200 ? codec.mapper().readTree(response.body()) : null;
        }, body -> body != null && body.get("verdicts").size() == count);
        Map<String, JsonNode> byType = new HashMap<>();
        transaction.get("verdicts").forEach(v -> byType.put(v.get("outcomeType").asString(), v));
        return byType;
    }

    private List<CloudEvent> intentsFor(String correlationId) {
        List<CloudEvent> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.intents("claims")));
            // read to the end of every partition as it is now
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    CloudEvent event = codec.read(record.value());
                    if (correlationId.equals(event.correlationId())) {
                        found.add(event);
                    }
                }
                var assignment = consumer.assignment();
                if (assignment.isEmpty()) {
                    return false;
                }
                var end = consumer.endOffsets(assignment);
                return assignment.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return found;
    }

    private static Map<String, Object> claim(String productLine, String amount, String policyId, String description) {
        return claim(productLine, amount, policyId, description, "CLM-" + UUID.randomUUID());
    }

    private static Map<String, Object> claim(String productLine, String amount, String policyId, String description,
            String claimId) {
        Map<String, Object> claim = new HashMap<>();
        claim.put("claimId", claimId);
        claim.put("policyId", policyId);
        claim.put("productLine", productLine);
        claim.put("region", "DE");
        claim.put("claimedAmount", new java.math.BigDecimal(amount));
        claim.put("currency", "EUR");
        claim.put("incidentDate", LocalDate.now().minusDays(3).toString());
        claim.put("description", description);
        claim.put("claimant", Map.of("name", "Erika Mustermann", "email", "erika@example.org"));
        return claim;
    }

    private static Map<String, Object> quote(String productLine, String region, String segment, String insuredSum,
            List<String> options) {
        Map<String, Object> quote = new HashMap<>();
        quote.put("quoteId", "QTE-" + UUID.randomUUID());
        quote.put("productLine", productLine);
        quote.put("region", region);
        quote.put("customerSegment", segment);
        quote.put("insuredSum", new java.math.BigDecimal(insuredSum));
        quote.put("currency", "EUR");
        quote.put("requestedOptions", options);
        quote.put("customer", Map.of("name", "Erika Mustermann", "email", "erika@example.org"));
        return quote;
    }

    private Accepted postQuote(Map<String, Object> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.ingress().resolve("/api/v1/intents/QuoteRequested"))
                .header("Content-Type", "application/json")
                .header(Headers.API_KEY, LocalRunner.LOCAL_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode json = codec.mapper().readTree(response.body());
        return new Accepted(json.get("correlationId").asString(), json.get("eventId").asString(), json.get("type").asString());
    }

    private Accepted post(Map<String, Object> body, String idempotencyKey, String correlationId) throws Exception {
        HttpResponse<String> response = send(body, idempotencyKey, correlationId, "application/json", LocalRunner.LOCAL_API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode json = codec.mapper().readTree(response.body());
        return new Accepted(json.get("correlationId").asString(), json.get("eventId").asString(), json.get("type").asString());
    }

    private HttpResponse<String> send(Map<String, Object> body, String idempotencyKey, String correlationId,
            String contentType, String apiKey) throws Exception {
        return sendRaw(codec.mapper().writeValueAsBytes(body), correlationId, contentType, apiKey, idempotencyKey);
    }

    private HttpResponse<String> sendRaw(byte[] body, String correlationId, String contentType, String apiKey) throws Exception {
        return sendRaw(body, correlationId, contentType, apiKey, null);
    }

    private HttpResponse<String> sendRaw(byte[] body, String correlationId, String contentType, String apiKey,
            String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.ingress().resolve("/api/v1/intents/ClaimSubmitted"))
                .header("Content-Type", contentType)
                .header(Headers.API_KEY, apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (correlationId != null) {
            request.header(Headers.CORRELATION_ID, correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = platform.reconciliation().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type for " + status)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private record Accepted(String correlationId, String eventId, String type) {
    }
}
