package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.ingress.sampling.domain.SampleSelection;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * Intent types as data and sampling, over real HTTP with the in-process Kafka broker and a real PostgreSQL:
 * a schema file dropped in the external schema directory (plus a channel allowed to post it) is a new intent
 * type, without Java; schemas are served to channels; an admin sets sampling rates at run time and the
 * intents left out of the sample are published with {@code sampled=false}.
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                // the channels: the local one for claims, a partner only for the new intent type
                "ingress.channels[0].name=local-dev",
                "ingress.channels[0].api-key=local-dev-key",
                "ingress.channels[0].allowed-intents=ClaimSubmitted",
                "ingress.channels[1].name=policy-partner",
                "ingress.channels[1].api-key=policy-partner-key",
                "ingress.channels[1].allowed-intents=PolicyRenewed",
                "ingress.sampling.refresh=300ms"
        })
@ActiveProfiles("local")
class IntentSchemasAndSamplingIT {

    private static final String LOCAL_KEY = "local-dev-key";
    private static final String PARTNER_KEY = "policy-partner-key";
    private static final String ADMIN_KEY = "local-admin-key";
    private static final EventCodec CODEC = EventCodec.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path SCHEMA_DIRECTORY = externalSchemas();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_schemas_it");
        registry.add("ingress.schemas.directory", SCHEMA_DIRECTORY::toString);
    }

    /** A new intent type as an operator adds it: one schema file in the external schema directory. */
    private static Path externalSchemas() {
        try {
            Path directory = Files.createTempDirectory("intent-schemas");
            Files.createDirectories(directory.resolve("policies"));
            Files.writeString(directory.resolve("policies/PolicyRenewed.schema.json"), """
                    {
                      "$schema": "https://json-schema.org/draft/2020-12/schema",
                      "$id": "urn:parallelrun:intent-schema:policies.PolicyRenewed.v1",
                      "x-event-type": "policies.PolicyRenewed.v1",
                      "type": "object",
                      "additionalProperties": false,
                      "required": ["policyId", "premium", "holder"],
                      "properties": {
                        "policyId": {"type": "string", "pattern": "^POL-[0-9]+$"},
                        "premium": {"type": "number", "exclusiveMinimum": 0, "x-max-decimal-places": 2},
                        "holder": {"type": "object", "properties": {
                          "iban": {"type": "string", "x-personal-data": true, "x-data-subject": true}}}
                      }
                    }
                    """);
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSchemaFileDroppedInTheSchemaDirectoryIsANewIntentType() throws Exception {
        HttpResponse<String> accepted = post("PolicyRenewed", PARTNER_KEY, null, """
                {"policyId": "POL-77", "premium": 412.50, "holder": {"iban": "DE89370400440532013000"}}""");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String correlationId = json(accepted.body()).get("correlationId").stringValue();
        CloudEvent published = publishedOn("intents.policies.v1").get(correlationId);
        assertThat(published.type()).isEqualTo("policies.PolicyRenewed.v1");
        assertThat(published.boundedContext()).isEqualTo("policies");
        assertThat(published.data().get("premium").decimalValue()).isEqualByComparingTo("412.50");
    }

    @Test
    void theNewIntentTypeIsValidatedByItsSchema() throws Exception {
        HttpResponse<String> refused = post("PolicyRenewed", PARTNER_KEY, null, """
                {"policyId": "77", "premium": 412.505, "holder": {}, "colour": "red"}""");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(refused.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:parallelrun:problem:invalid-intent");
        List<String> pointers = new ArrayList<>();
        problem.get("errors").values().forEach(error -> pointers.add(error.get("pointer").stringValue()));
        assertThat(pointers).containsExactlyInAnyOrder("/policyId", "/premium", "/colour");
    }

    @Test
    void aChannelPostsOnlyTheIntentTypesItIsAllowed() throws Exception {
        HttpResponse<String> refused = post("PolicyRenewed", LOCAL_KEY, null, """
                {"policyId": "POL-77", "premium": 412.50, "holder": {}}""");

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void servesAnIntentTypesSchemaToChannels() throws Exception {
        HttpResponse<String> schema = get("/api/v1/intents/ClaimSubmitted/schema", LOCAL_KEY);

        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/schema+json"));
        JsonNode document = json(schema.body());
        assertThat(document.get("x-event-type").stringValue()).isEqualTo("claims.ClaimSubmitted.v1");
        assertThat(document.at("/properties/claimant/properties/email/x-personal-data").asBoolean()).isTrue();

        assertThat(json(get("/api/v1/intents/PolicyRenewed/schema", PARTNER_KEY).body()).get("x-event-type")
                .stringValue()).isEqualTo("policies.PolicyRenewed.v1");
    }

    @Test
    void answersAnUnknownIntentTypesSchemaWith404AndAnUnauthenticatedCallerWith401() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/intents/NoSuchIntent/schema", LOCAL_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(unknown.body()).get("type").stringValue())
                .isEqualTo("urn:parallelrun:problem:unknown-intent-type");

        assertThat(get("/api/v1/intents/ClaimSubmitted/schema", null).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyAnAdminReadsOrSetsTheSamplingRates() throws Exception {
        assertThat(get("/api/v1/sampling", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/sampling", LOCAL_KEY).statusCode()).isEqualTo(403);
        assertThat(putRate("claims", "ClaimSubmitted", LOCAL_KEY, "{\"percent\": 0}").statusCode()).isEqualTo(403);

        HttpResponse<String> rates = get("/api/v1/sampling", ADMIN_KEY);
        assertThat(rates.statusCode()).isEqualTo(200);
        assertThat(json(rates.body()).get("rates").values()).extracting(rate -> rate.get("eventType").stringValue())
                .containsExactly("claims.ClaimSubmitted.v1", "policies.PolicyRenewed.v1", "pricing.QuoteRequested.v1");
        // an admin is not a channel
        assertThat(post("ClaimSubmitted", ADMIN_KEY, null, claim().toString()).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesABadSamplingRateWithAProblem() throws Exception {
        for (String body : List.of("{\"percent\": 100.5}", "{\"percent\": -1}", "{\"percent\": 12.345}",
                "{\"percent\": \"25\"}", "{}", "not json")) {
            HttpResponse<String> refused = putRate("claims", "ClaimSubmitted", ADMIN_KEY, body);
            assertThat(refused.statusCode()).as(body).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(json(refused.body()).get("type").stringValue())
                    .isEqualTo("urn:parallelrun:problem:invalid-sampling-rate");
        }
        assertThat(putRate("policies", "ClaimSubmitted", ADMIN_KEY, "{\"percent\": 10}").statusCode()).isEqualTo(404);
        assertThat(putRate("claims", "NoSuchIntent", ADMIN_KEY, "{\"percent\": 10}").statusCode()).isEqualTo(404);
    }

    @Test
    void intentsLeftOutOfTheSampleArePublishedWithSampledFalseAndARateChangeNeedsNoRestart() throws Exception {
        try {
            // 25 %: each intent in or out by its correlation id
            HttpResponse<String> set = putRate("claims", "ClaimSubmitted", ADMIN_KEY, "{\"percent\": 25.0}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(json(set.body()).get("percent").decimalValue()).isEqualByComparingTo("25");
            assertThat(rateOf("claims.ClaimSubmitted.v1")).isEqualByComparingTo("25");

            List<String> ids = postClaims(40);
            Map<String, CloudEvent> published = publishedOn("intents.claims.v1");
            for (String id : ids) {
                boolean expected = SampleSelection.inSample(id, 2_500);
                CloudEvent event = published.get(id);
                assertThat(event.inSample()).as(id).isEqualTo(expected);
                assertThat(event.sampled()).as(id).isEqualTo(expected ? null : Boolean.FALSE);
            }
            assertThat(ids).anyMatch(id -> !published.get(id).inSample());
            assertThat(ids).anyMatch(id -> published.get(id).inSample());

            // 0 %: every intent is left out, at once
            assertThat(putRate("claims", "ClaimSubmitted", ADMIN_KEY, "{\"percent\": 0}").statusCode()).isEqualTo(200);
            List<String> none = postClaims(5);
            Map<String, CloudEvent> left = publishedOn("intents.claims.v1");
            assertThat(none).allSatisfy(id -> assertThat(left.get(id).sampled()).isFalse());

            // 100 % set on another instance (straight in the shared table): in force within the refresh
            jdbc.sql("UPDATE ingress.sampling_rate SET basis_points = 10000 "
                    + "WHERE bounded_context = 'claims' AND intent_type = 'ClaimSubmitted'").update();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String id = postClaims(1).get(0);
                assertThat(publishedOn("intents.claims.v1").get(id).sampled()).isNull();
            });
            // and the raw record carries no sampled attribute at all, as before sampling existed
            String id = postClaims(1).get(0);
            ConsumerRecord<String, byte[]> raw = new IntentTopicReader(brokers).readAll("intents.claims.v1").stream()
                    .filter(record -> id.equals(record.key())).findFirst().orElseThrow();
            assertThat(json(new String(raw.value())).has("sampled")).isFalse();
        } finally {
            putRate("claims", "ClaimSubmitted", ADMIN_KEY, "{\"percent\": 100}");
        }
    }

    private List<String> postClaims(int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "order-" + UUID.randomUUID();
            HttpResponse<String> response = post("ClaimSubmitted", LOCAL_KEY, id, claim().toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(id);
        }
        return ids;
    }

    private java.math.BigDecimal rateOf(String eventType) throws IOException, InterruptedException {
        for (JsonNode rate : json(get("/api/v1/sampling", ADMIN_KEY).body()).get("rates").values()) {
            if (rate.get("eventType").stringValue().equals(eventType)) {
                return rate.get("percent").decimalValue();
            }
        }
        throw new AssertionError("no rate for " + eventType);
    }

    /** Every event on the topic so far, by correlation id (the record key). */
    private Map<String, CloudEvent> publishedOn(String topic) {
        return new IntentTopicReader(brokers).readAll(topic).stream()
                .map(record -> CODEC.read(record.value()))
                .collect(Collectors.toMap(CloudEvent::correlationId, Function.identity(), (first, second) -> second));
    }

    private HttpResponse<String> post(String intentType, String apiKey, String correlationId, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/intents/" + intentType))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header(Headers.API_KEY, apiKey);
        }
        if (correlationId != null) {
            request.header(Headers.CORRELATION_ID, correlationId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> putRate(String context, String intentType, String apiKey, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/sampling/" + context + "/" + intentType))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header(Headers.API_KEY, apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (apiKey != null) {
            request.header(Headers.API_KEY, apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static ObjectNode claim() {
        ObjectNode claim = (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
        claim.put("claimId", "CLM-SAMPLING-" + UUID.randomUUID());
        return claim;
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
