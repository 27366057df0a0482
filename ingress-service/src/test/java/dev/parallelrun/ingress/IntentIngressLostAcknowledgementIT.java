package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import dev.parallelrun.ingress.intent.application.IntentPublisher;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worst 503: the broker wrote the intent, but its acknowledgement never reached the ingress (the
 * producer timed out first). The channel cannot tell, so the problem says whether a retry is safe, and
 * a retry with the same {@code Idempotency-Key} (or {@code X-Correlation-Id}) publishes the same event
 * (same event id and correlation id) again, which consumers de-duplicate: never a second, different intent.
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
        })
@ActiveProfiles("local")
@Import(IntentIngressLostAcknowledgementIT.LosingAcknowledgements.class)
class IntentIngressLostAcknowledgementIT {

    private static final String TOPIC = "intents.claims.v1";
    private static final EventCodec CODEC = EventCodec.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_lost_ack_it");
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    AcknowledgementLosingPublisher publisher;

    @BeforeEach
    void loseTheNextAcknowledgement() {
        publisher.loseNext.set(true);
    }

    @Test
    void retryWithTheSameIdempotencyKeyRepublishesTheSameEvent() throws Exception {
        ObjectNode claim = claim();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> lost = post(claim, key, null);
        HttpResponse<String> retry = post(claim, key, null);

        assertRetrySafeProblem(lost, true);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertSameEventTwice(claim, json(retry.body()));
    }

    @Test
    void retryWithTheSameCorrelationIdRepublishesTheSameEvent() throws Exception {
        ObjectNode claim = claim();
        String correlationId = "portal-" + UUID.randomUUID();

        HttpResponse<String> lost = post(claim, null, correlationId);
        HttpResponse<String> retry = post(claim, null, correlationId);

        assertRetrySafeProblem(lost, true);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        JsonNode accepted = json(retry.body());
        assertThat(accepted.get("correlationId").stringValue()).isEqualTo(correlationId);
        assertSameEventTwice(claim, accepted);
    }

    @Test
    void saysARetryIsNotSafeWithoutAnIdempotencyKeyOrCorrelationId() throws Exception {
        HttpResponse<String> lost = post(claim(), null, null);

        assertRetrySafeProblem(lost, false);
        assertThat(json(lost.body()).get("detail").stringValue()).contains("NOT safe").contains(Headers.IDEMPOTENCY_KEY);
    }

    private void assertSameEventTwice(ObjectNode claim, JsonNode accepted) {
        List<CloudEvent> published = new IntentTopicReader(brokers).readAll(TOPIC).stream()
                .map(ConsumerRecord::value)
                .map(CODEC::read)
                .filter(event -> claim.get("claimId").equals(event.data().get("claimId")))
                .toList();
        assertThat(published).hasSize(2).allSatisfy(event -> {
            assertThat(event.id()).isEqualTo(accepted.get("eventId").stringValue());
            assertThat(event.correlationId()).isEqualTo(accepted.get("correlationId").stringValue());
            PublishedClaims.assertPublishedAs(event.data(), claim);
        });
    }

    private static void assertRetrySafeProblem(HttpResponse<String> response, boolean safe) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:parallelrun:problem:not-durable");
        assertThat(problem.get("retrySafe").booleanValue()).isEqualTo(safe);
        assertThat(problem.get("detail").stringValue()).contains(safe ? "is safe" : "NOT safe");
    }

    private HttpResponse<String> post(ObjectNode claim, String idempotencyKey, String correlationId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/intents/ClaimSubmitted"))
                .header(Headers.API_KEY, "local-dev-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString()));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (correlationId != null) {
            request.header(Headers.CORRELATION_ID, correlationId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode claim() {
        ObjectNode claim = (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
        claim.put("claimId", "CLM-LOST-ACK-" + UUID.randomUUID());
        return claim;
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }

    /** Writes to the real broker, then, once armed, behaves as if the acknowledgement had timed out. */
    static final class AcknowledgementLosingPublisher implements IntentPublisher {

        final AtomicBoolean loseNext = new AtomicBoolean();
        private final KafkaTemplate<String, CloudEvent> template;

        AcknowledgementLosingPublisher(KafkaTemplate<String, CloudEvent> template) {
            this.template = template;
        }

        @Override
        public void publish(String topic, String key, CloudEvent event) {
            try {
                template.send(topic, key, event).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the test broker did not take the intent", e);
            }
            if (loseNext.getAndSet(false)) {
                throw new IntentNotDurableException("no acknowledgement within the delivery timeout", null);
            }
        }
    }

    @TestConfiguration
    static class LosingAcknowledgements {

        @Bean
        @Primary
        AcknowledgementLosingPublisher acknowledgementLosingPublisher(KafkaTemplate<String, CloudEvent> intentKafkaTemplate) {
            return new AcknowledgementLosingPublisher(intentKafkaTemplate);
        }
    }
}
