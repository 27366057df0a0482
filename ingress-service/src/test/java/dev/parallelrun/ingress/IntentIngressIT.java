package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.domain.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.kafka.core.ProducerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ingress over real HTTP, with the in-process Kafka broker and a real PostgreSQL: what a channel
 * sees, and what lands on {@code intents.claims.v1} (read with {@code read_committed}).
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "ingress.request.max-body-size=8KB"
        })
@ActiveProfiles("local")
class IntentIngressIT {

    private static final String TOPIC = "intents.claims.v1";
    private static final String LOCAL_KEY = "local-dev-key";
    private static final String PROBLEM_JSON = "application/problem+json";
    /** The local profile's metrics scraper, metrics/metrics. */
    private static final String SCRAPER = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("metrics:metrics".getBytes(StandardCharsets.UTF_8));
    private static final EventCodec CODEC = EventCodec.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_it");
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotencyRecords records;

    @Autowired
    ProducerFactory<String, CloudEvent> producers;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void acceptsAValidClaimAndPublishesExactlyOneIntentInTheCanonicalEnvelope() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> response = post("ClaimSubmitted", claim.toString(), LOCAL_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("correlationId", "eventId", "type");
        assertThat(body.get("type").stringValue()).isEqualTo("claims.ClaimSubmitted.v1");
        String correlationId = body.get("correlationId").stringValue();
        String eventId = body.get("eventId").stringValue();
        assertThat(UUID.fromString(correlationId)).isNotNull();
        assertThat(response.headers().firstValue(Headers.CORRELATION_ID)).contains(correlationId);

        List<ConsumerRecord<String, byte[]>> published = eventsOf(claim);
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(correlationId);
            JsonNode golden = json(new String(GoldenEvents.bytes(GoldenEvents.CLAIM_SUBMITTED), StandardCharsets.UTF_8));
            JsonNode wire = CODEC.mapper().readTree(record.value());
            assertThat(wire.propertyNames()).containsExactlyInAnyOrderElementsOf(golden.propertyNames());
            CloudEvent event = CODEC.read(record.value());
            assertThat(event.specVersion()).isEqualTo("1.0");
            assertThat(event.id()).isEqualTo(eventId);
            assertThat(event.type()).isEqualTo("claims.ClaimSubmitted.v1");
            assertThat(event.source()).isEqualTo("urn:parallelrun:ingress:channel:local-dev");
            assertThat(event.dataContentType()).isEqualTo("application/json");
            assertThat(event.correlationId()).isEqualTo(correlationId);
            assertThat(event.boundedContext()).isEqualTo("claims");
            assertThat(event.time()).isNotNull();
            PublishedClaims.assertPublishedAs(event.data(), claim);
            assertThat(event.data().get("claimedAmount").decimalValue()).isEqualByComparingTo("1234.56");
        });
    }

    @Test
    void honoursTheChannelsCorrelationId() throws Exception {
        ObjectNode claim = claim();
        String correlationId = "portal-" + UUID.randomUUID();

        HttpResponse<String> response = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).get("correlationId").stringValue()).isEqualTo(correlationId);
        assertThat(eventsOf(claim)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(correlationId);
            assertThat(CODEC.read(record.value()).correlationId()).isEqualTo(correlationId);
        });
    }

    @Test
    void answersAnIdempotentRetryWithTheSameResponseAndPublishesOnce() throws Exception {
        ObjectNode claim = claim();
        String key = UUID.randomUUID().toString();
        // the same body, written differently: property order and whitespace do not matter
        String reformatted = CODEC.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(reordered(claim));

        HttpResponse<String> first = postIdempotently(claim.toString(), key);
        HttpResponse<String> retry = postIdempotently(reformatted, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json(retry.body())).isEqualTo(json(first.body()));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(eventsOf(claim)).singleElement().satisfies(record ->
                assertThat(CODEC.read(record.value()).id()).isEqualTo(json(first.body()).get("eventId").stringValue()));
        assertThat(recordsWithKey(key)).isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForAnotherBody() throws Exception {
        ObjectNode claim = claim();
        ObjectNode other = claim();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = postIdempotently(claim.toString(), key);
        HttpResponse<String> conflicting = postIdempotently(other.toString(), key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertProblem(conflicting, 409, "urn:parallelrun:problem:idempotency-conflict");
        assertThat(eventsOf(claim)).hasSize(1);
        assertThat(eventsOf(other)).isEmpty();
    }

    @Test
    void publishesOnceForConcurrentIdenticalRequestsWithOneKey() throws Exception {
        ObjectNode claim = claim();
        String key = UUID.randomUUID().toString();
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            responses.add(POOL.submit(() -> {
                start.await();
                return postIdempotently(claim.toString(), key);
            }));
        }
        start.countDown();

        Set<String> bodies = new HashSet<>();
        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> answered = response.get();
            assertThat(answered.statusCode()).isEqualTo(202);
            bodies.add(json(answered.body()).toString());
        }

        assertThat(bodies).hasSize(1);
        assertThat(eventsOf(claim)).hasSize(1);
    }

    @Test
    void refusesASecondClaimWithACorrelationIdAnotherIntentUses() throws Exception {
        ObjectNode claim = claim();
        ObjectNode other = claim();
        String correlationId = "portal-" + UUID.randomUUID();

        HttpResponse<String> first = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));
        HttpResponse<String> second = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, correlationId)
                .header(Headers.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(other.toString())));

        assertThat(first.statusCode()).isEqualTo(202);
        assertProblem(second, 409, "urn:parallelrun:problem:correlation-id-conflict");
        assertThat(eventsOf(claim)).hasSize(1);
        assertThat(eventsOf(other)).isEmpty();
    }

    @Test
    void acceptsOnlyOneOfConcurrentClaimsWithOneCorrelationId() throws Exception {
        String correlationId = "portal-" + UUID.randomUUID();
        List<ObjectNode> claims = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode claim = claim();
            claims.add(claim);
            responses.add(POOL.submit(() -> {
                start.await();
                return send(request("ClaimSubmitted", LOCAL_KEY)
                        .header(Headers.CORRELATION_ID, correlationId)
                        .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));
            }));
        }
        start.countDown();

        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> response : responses) {
            statuses.add(response.get().statusCode());
        }

        assertThat(statuses).containsOnly(202, 409).containsOnlyOnce(202);
        assertThat(claims.stream().mapToInt(claim -> eventsOf(claim).size()).sum()).isEqualTo(1);
    }

    @Test
    void answersAnIdempotentRetryWithAClaimedCorrelationIdWithItsFirstResponse() throws Exception {
        ObjectNode claim = claim();
        String correlationId = "portal-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, correlationId).header(Headers.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));
        HttpResponse<String> retry = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, correlationId).header(Headers.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json(retry.body())).isEqualTo(json(first.body()));
        assertThat(eventsOf(claim)).hasSize(1);
    }

    @Test
    void refusesMalformedJson() throws Exception {
        String claimId = newClaimId();

        HttpResponse<String> response = post("ClaimSubmitted", "{\"claimId\": \"" + claimId + "\", ", LOCAL_KEY);

        assertProblem(response, 400, "urn:parallelrun:problem:malformed-json");
        assertNothingPublishedFor(claimId);
    }

    @Test
    void refusesAWrongMediaType() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> response = send(HttpRequest.newBuilder(intents("ClaimSubmitted"))
                .header(Headers.API_KEY, LOCAL_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));

        assertProblem(response, 415, null);
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesMissingPropertiesNamingEachByItsPointer() throws Exception {
        ObjectNode claim = claim();
        claim.remove("policyId");
        claim.remove("claimedAmount");
        ((ObjectNode) claim.get("claimant")).remove("email");

        HttpResponse<String> response = post("ClaimSubmitted", claim.toString(), LOCAL_KEY);

        assertProblem(response, 422, "urn:parallelrun:problem:invalid-intent");
        List<String> pointers = new ArrayList<>();
        json(response.body()).get("errors").forEach(error -> {
            pointers.add(error.get("pointer").stringValue());
            assertThat(error.get("detail").stringValue()).isEqualTo("is required");
        });
        assertThat(pointers).containsExactlyInAnyOrder("/policyId", "/claimedAmount", "/claimant/email");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesAMissingApiKey() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> response = send(HttpRequest.newBuilder(intents("ClaimSubmitted"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));

        assertProblem(response, 401, "urn:parallelrun:problem:missing-api-key");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesAnUnknownApiKey() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> response = post("ClaimSubmitted", claim.toString(), "not-" + LOCAL_KEY);

        assertProblem(response, 401, "urn:parallelrun:problem:unknown-api-key");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimitByItsDeclaredLength() throws Exception {
        ObjectNode claim = claim();
        claim.put("description", "x".repeat(9 * 1024));

        HttpResponse<String> response = post("ClaimSubmitted", claim.toString(), LOCAL_KEY);

        assertProblem(response, 413, "urn:parallelrun:problem:payload-too-large");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws Exception {
        ObjectNode claim = claim();
        claim.put("description", "x".repeat(9 * 1024));
        byte[] bytes = claim.toString().getBytes(StandardCharsets.UTF_8);

        // a body of unknown length is sent chunked, without Content-Length
        HttpResponse<String> response = send(request("ClaimSubmitted", LOCAL_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));

        assertProblem(response, 413, "urn:parallelrun:problem:payload-too-large");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesAnUnknownIntentType() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> response = post("ClaimWithdrawn", claim.toString(), LOCAL_KEY);

        assertProblem(response, 404, "urn:parallelrun:problem:unknown-intent-type");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void refusesAnUnprintableOrOverlongCorrelationId() throws Exception {
        ObjectNode claim = claim();

        HttpResponse<String> overlong = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, "c".repeat(129))
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));
        HttpResponse<String> withSpace = send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.CORRELATION_ID, "two words")
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString())));

        assertProblem(overlong, 400, "urn:parallelrun:problem:invalid-header");
        assertProblem(withSpace, 400, "urn:parallelrun:problem:invalid-header");
        assertThat(eventsOf(claim)).isEmpty();
    }

    @Test
    void servesHealthToAnyoneAndMetricsOnlyToTheScraper() throws Exception {
        post("ClaimSubmitted", "{}", "not-" + LOCAL_KEY);

        HttpResponse<String> health = send(HttpRequest.newBuilder(actuator("health")).GET());
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(actuator("prometheus")).GET());
        HttpResponse<String> withApiKey = send(HttpRequest.newBuilder(actuator("prometheus")).header(Headers.API_KEY, LOCAL_KEY).GET());
        HttpResponse<String> prometheus = send(HttpRequest.newBuilder(actuator("prometheus")).header("Authorization", SCRAPER).GET());

        assertThat(health.statusCode()).isEqualTo(200);
        assertProblem(anonymous, 401, "urn:parallelrun:problem:unauthorized");
        assertProblem(withApiKey, 401, "urn:parallelrun:problem:unauthorized");
        assertThat(json(health.body()).get("status").stringValue()).isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("ingress_intents_rejected_total{application=\"ingress-service\",reason=\"unknown-api-key\",status=\"401\"}");
    }

    @Test
    void countsAcceptedIntentsAndPublishLatency() throws Exception {
        assertThat(post("ClaimSubmitted", claim().toString(), LOCAL_KEY).statusCode()).isEqualTo(202);

        String metrics = send(HttpRequest.newBuilder(actuator("prometheus")).header("Authorization", SCRAPER).GET()).body();

        assertThat(metrics).contains(
                "ingress_intents_accepted_total{application=\"ingress-service\",replayed=\"false\",type=\"claims.ClaimSubmitted.v1\"}");
        assertThat(metrics).contains(
                "ingress_intents_publish_seconds_count{application=\"ingress-service\",outcome=\"acknowledged\",type=\"claims.ClaimSubmitted.v1\"}");
    }

    @Test
    void deniesAnythingElseEvenWithAKey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/schemas"))
                .header(Headers.API_KEY, LOCAL_KEY).GET());

        assertProblem(response, 403, "urn:parallelrun:problem:forbidden");
    }

    @Test
    void declaresTheIntentTopicAndItsDeadLetterTopicWithTheConfiguredPartitionsAndMinInsyncReplicas()
            throws Exception {
        assertThat(new IntentTopicReader(brokers).partitions(TOPIC)).isEqualTo(3);
        assertThat(new IntentTopicReader(brokers).partitions(TOPIC + ".dlq")).isEqualTo(3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    void producesWithAcksAllIdempotentlyAndWithinBounds() {
        Map<String, Object> config = producers.getConfigurationProperties();

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
    }

    @Test
    void deletesIdempotencyRecordsPastTheirRetention() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        String channel = "retention-" + UUID.randomUUID();
        records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "old", "a".repeat(64), channel + "-c-1", "e-1",
                "claims.ClaimSubmitted.v1", now.minus(Duration.ofDays(8))));
        records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "fresh", "b".repeat(64), channel + "-c-2", "e-2",
                "claims.ClaimSubmitted.v1", now.minus(Duration.ofDays(6))));

        records.deleteCreatedBefore(now.minus(Duration.ofDays(7)));

        assertThat(records.find(channel, "old")).isEmpty();
        assertThat(records.find(channel, "fresh")).hasValueSatisfying(record -> {
            assertThat(record.eventId()).isEqualTo("e-2");
            assertThat(record.createdAt()).isEqualTo(now.minus(Duration.ofDays(6)));
        });
    }

    @Test
    void writesTheIdempotencyRecordAndItsCorrelationClaimInOneStatementAndReadsTheHolderOfATakenId() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String channel = "claiming-" + UUID.randomUUID();
        String correlationId = channel + "-c";

        assertThat(records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "k-1", "a".repeat(64), correlationId,
                "e-1", "claims.ClaimSubmitted.v1", now))).contains("e-1");
        assertThat(claimHolder(correlationId)).isEqualTo("e-1");

        // the key exists: nothing is written, whatever the request
        assertThat(records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "k-1", "b".repeat(64),
                channel + "-other", "e-2", "claims.ClaimSubmitted.v1", now))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM ingress.correlation_claim WHERE correlation_id = :id")
                .param("id", channel + "-other").query(Long.class).single()).isZero();
        assertThat(records.find(channel, "k-1")).hasValueSatisfying(record -> assertThat(record.eventId()).isEqualTo("e-1"));

        // a new key whose correlation id another event holds: the holder is answered, the claim is unchanged
        assertThat(records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "k-2", "c".repeat(64), correlationId,
                "e-3", "claims.ClaimSubmitted.v1", now))).contains("e-1");
        assertThat(claimHolder(correlationId)).isEqualTo("e-1");

        // a new key for the event that holds the claim (its first record expired): the same event may claim it again
        assertThat(records.insertIfAbsentAndClaim(new IdempotencyRecord(channel, "k-3", "a".repeat(64), correlationId,
                "e-1", "claims.ClaimSubmitted.v1", now))).contains("e-1");
    }

    private String claimHolder(String correlationId) {
        return jdbc.sql("SELECT event_id FROM ingress.correlation_claim WHERE correlation_id = :id")
                .param("id", correlationId).query(String.class).single();
    }

    // --- helpers

    private HttpResponse<String> postIdempotently(String body, String key) throws IOException, InterruptedException {
        return send(request("ClaimSubmitted", LOCAL_KEY)
                .header(Headers.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> post(String intentType, String body, String apiKey)
            throws IOException, InterruptedException {
        return send(request(intentType, apiKey).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String intentType, String apiKey) {
        return HttpRequest.newBuilder(intents(intentType))
                .header(Headers.API_KEY, apiKey)
                .header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI intents(String intentType) {
        return URI.create("http://localhost:" + port + "/api/v1/intents/" + intentType);
    }

    private URI actuator(String endpoint) {
        return URI.create("http://localhost:" + port + "/actuator/" + endpoint);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith(PROBLEM_JSON));
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        if (type != null) {
            assertThat(problem.get("type").stringValue()).isEqualTo(type);
            assertThat(problem.get("detail").stringValue()).isNotBlank();
        }
    }

    /** The golden claim with a claim id of its own, so each test finds its own events. */
    private static ObjectNode claim() {
        ObjectNode claim = (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
        claim.put("claimId", newClaimId());
        return claim;
    }

    private static String newClaimId() {
        return "CLM-IT-" + UUID.randomUUID();
    }

    private static ObjectNode reordered(ObjectNode claim) {
        ObjectNode reordered = CODEC.mapper().createObjectNode();
        List<String> names = new ArrayList<>(claim.propertyNames());
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.set(name, claim.get(name)));
        return reordered;
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(ObjectNode claim) {
        return eventsWithClaimId(claim.get("claimId").stringValue());
    }

    private void assertNothingPublishedFor(String claimId) {
        assertThat(eventsWithClaimId(claimId)).isEmpty();
    }

    private List<ConsumerRecord<String, byte[]>> eventsWithClaimId(String claimId) {
        return new IntentTopicReader(brokers).readAll(TOPIC).stream()
                .filter(record -> claimId.equals(CODEC.read(record.value()).data().path("claimId").stringValue(null)))
                .toList();
    }

    private int recordsWithKey(String key) {
        return jdbc.sql("SELECT count(*) FROM ingress.idempotency_record WHERE channel = 'local-dev' AND idempotency_key = ?")
                .param(key).query(Integer.class).single();
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
