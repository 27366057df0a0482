package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ingress with a broker it cannot reach: it answers 503 with {@code Retry-After} within its
 * bounded publish time, and leaves nothing behind, so the channel can simply retry.
 *
 * <p>A context of its own (the main ITs share one with the real broker): the Kafka bootstrap points at a
 * port nobody listens on, and the producer's bounds are short.
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                // no topic declaration against a broker that is not there
                "spring.kafka.admin.auto-create=false",
                "ingress.publish.max-block=1s",
                "ingress.publish.request-timeout=1s",
                "ingress.publish.delivery-timeout=2s",
                "ingress.publish.retry-after=7s",
                // the decisions cannot be read either: start without waiting for them (see markDecisionsRead)
                "ingress.authority.startup-wait=100ms"
        })
@ActiveProfiles("local")
// closed after this class: no other test can use a context whose producer keeps knocking on a dead port
@DirtiesContext
class IntentIngressBrokerDownIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void unreachableBrokerAndDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_broker_down_it");
        String unreachable = "localhost:" + unusedPort();
        registry.add("spring.kafka.bootstrap-servers", () -> unreachable);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IntentAuthority authority;

    /**
     * What this class proves is the bounded wait for the broker at publish time; an unreachable broker also keeps the
     * ingress from reading the authority decisions, which would refuse the intent before it is published (503 too,
     * but {@code authority-not-known}). So the decisions are taken as read: none, every intent legacy's.
     */
    @BeforeEach
    void markDecisionsRead() {
        authority.markCaughtUp();
    }

    @Test
    void answers503WithRetryAfterAndLeavesNoIdempotencyRecord() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = postClaim(key);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = EventCodec.standard().mapper().readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(503);
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:parallelrun:problem:not-durable");
        assertThat(idempotencyRecords()).isZero();

        // nothing half-written: the retry is not mistaken for a replay or a conflict, it tries again
        HttpResponse<String> retry = postClaim(key);

        assertThat(retry.statusCode()).isEqualTo(503);
        assertThat(idempotencyRecords()).isZero();
    }

    @Test
    void answers503WithoutAnIdempotencyKeyToo() throws Exception {
        HttpResponse<String> response = postClaim(null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
    }

    private HttpResponse<String> postClaim(String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/intents/ClaimSubmitted"))
                .header(Headers.API_KEY, "local-dev-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        EventCodec.standard().mapper().writeValueAsBytes(
                                GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data())));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int idempotencyRecords() {
        return jdbc.sql("SELECT count(*) FROM ingress.idempotency_record").query(Integer.class).single();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
