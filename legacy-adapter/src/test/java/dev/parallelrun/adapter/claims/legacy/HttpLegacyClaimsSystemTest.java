package dev.parallelrun.adapter.claims.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.claims.domain.LegacyClaimResponse;
import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The legacy client against a scripted HTTP server: wire format, timeouts, which failures are retried. */
class HttpLegacyClaimsSystemTest {

    private static final String ANSWER = """
            {"CLAIM_NO": "CLM-1001", "STATUS": "00", "FRAUD_IND": "N", "RISK_SCR": "10", "RSN_CD": "",
             "PAY_AMT": "976.10", "RSV_AMT": "1358.02", "MSG": "",
             "LEDGER": [{"ACCT": "5100", "DC": "D", "AMT": "976.10"}, {"ACCT": "1800", "DC": "D", "AMT": "1358.02"}]}""";

    private static final LegacyClaimRequest REQUEST = new LegacyClaimRequest("req-1", "CLM-1001", "POL-77", "MOTOR",
            "DE", "1234.56", "EUR", "20261101", "20261102", "rear-end collision");

    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> clientPorts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch releaseHangingAnswers = new CountDownLatch(1);
    private HttpServer server;

    private record Reply(int status, String body, boolean hang) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(HttpLegacyClaimsSystem.PROCESS_PATH, this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseHangingAnswers.countDown();
        server.stop(0);
    }

    @Test
    void postsTheLegacyWireFormatAndReadsTheAnswer() throws Exception {
        script.add(new Reply(200, ANSWER, false));

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyCallResult.Answered(new LegacyClaimResponse("CLM-1001", "00", "N", "10",
                "", "976.10", "1358.02", "", List.of(new LegacyClaimResponse.LedgerLine("5100", "D", "976.10"),
                        new LegacyClaimResponse.LedgerLine("1800", "D", "1358.02")))));
        JsonNode sent = JsonMapper.builder().build().readTree(received.peek());
        assertThat(sent.propertyNames()).containsExactlyInAnyOrder("REQ_KEY", "CLAIM_NO", "POLICY_NO", "LOB", "CTRY",
                "AMT_CLAIMED", "CCY", "LOSS_DT", "RPT_DT", "DESC", "MODE");
        assertThat(sent.get("REQ_KEY").asString()).isEqualTo("req-1");
        assertThat(sent.get("MODE").asString()).isEqualTo("POST");
        assertThat(sent.get("AMT_CLAIMED").asString()).isEqualTo("1234.56");
        assertThat(sent.get("LOSS_DT").asString()).isEqualTo("20261101");
        assertThat(meterRegistry.get("legacy.call").tag("outcome", "answered").timer().count()).isOne();
    }

    @Test
    void asksLegacyToSimulateWhenItIsNotToPostTheClaimOnEveryAttempt() throws Exception {
        script.add(new Reply(503, "{}", false));
        script.add(new Reply(200, ANSWER, false));

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.SIMULATE);

        assertThat(result).isInstanceOf(LegacyCallResult.Answered.class);
        assertThat(received).hasSize(2).allSatisfy(body -> {
            JsonNode sent = JsonMapper.builder().build().readTree(body);
            assertThat(sent.get("MODE").asString()).isEqualTo("SIMULATE");
            assertThat(sent.get("REQ_KEY").asString()).isEqualTo("req-1");
        });
    }

    @Test
    void retriesServerErrorsAndSucceedsWhenTheLegacyPlatformRecovers() {
        script.add(new Reply(503, "{}", false));
        script.add(new Reply(200, ANSWER, false));

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.POST);

        assertThat(result).isInstanceOf(LegacyCallResult.Answered.class);
        assertThat(calls).hasValue(2);
        assertThat(meterRegistry.get("legacy.call.retries").counter().count()).isEqualTo(1.0);
        assertThat(meterRegistry.get("legacy.call.failures").tag("kind", "server-error").counter().count()).isEqualTo(1.0);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsOnPersistentServerErrors() {
        for (int i = 0; i < 3; i++) {
            script.add(new Reply(500, "{\"STATUS\": \"99\"}", false));
        }

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyCallResult.Unavailable(LegacyCallFailure.ERROR,
                "HTTP 500 after 3 attempts"));
        assertThat(calls).hasValue(3);
        assertThat(meterRegistry.get("legacy.call.retries").counter().count()).isEqualTo(2.0);
        assertThat(meterRegistry.get("legacy.call").tag("outcome", "server-error").timer().count()).isOne();
    }

    @Test
    void reportsATimeoutWhenNoAnswerComesWithinTheReadTimeout() {
        for (int i = 0; i < 2; i++) {
            script.add(new Reply(200, ANSWER, true));
        }

        LegacyCallResult result = client(2, Duration.ofMillis(300)).process(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyCallResult.Unavailable(LegacyCallFailure.TIMEOUT,
                "no answer within PT0.3S after 2 attempts"));
        assertThat(calls).hasValue(2);
        assertThat(meterRegistry.get("legacy.call.failures").tag("kind", "timeout").counter().count()).isEqualTo(2.0);
    }

    @Test
    void keepsItsConnectionToLegacyOpenAcrossCalls() {
        HttpLegacyClaimsSystem client = client(3);
        for (int i = 0; i < 5; i++) {
            script.add(new Reply(200, ANSWER, false));
            assertThat(client.process(REQUEST, LegacyMode.POST)).isInstanceOf(LegacyCallResult.Answered.class);
        }

        // one pooled keep-alive connection, not a connect per call
        assertThat(clientPorts).hasSize(5).containsOnly(clientPorts.peek());
    }

    @Test
    void doesNotRetryAClientError() {
        script.add(new Reply(400, "bad request", false));

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyCallResult.Unavailable(LegacyCallFailure.ERROR,
                "HTTP 400 (not retried): bad request"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void doesNotRetryAnUnreadableAnswer() {
        script.add(new Reply(200, "<html>maintenance</html>", false));

        LegacyCallResult result = client(3).process(REQUEST, LegacyMode.POST);

        assertThat(result).isInstanceOfSatisfying(LegacyCallResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.failure()).isEqualTo(LegacyCallFailure.ERROR);
            assertThat(unavailable.detail()).startsWith("unreadable legacy answer: answer is not legacy JSON");
        });
        assertThat(calls).hasValue(1);
    }

    @Test
    void retriesWhenTheLegacyPlatformCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        LegacyCallResult result = client(URI.create("http://localhost:" + closedPort), 2).process(REQUEST, LegacyMode.POST);

        assertThat(result).isInstanceOfSatisfying(LegacyCallResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.failure()).isEqualTo(LegacyCallFailure.ERROR);
            assertThat(unavailable.detail()).startsWith("cannot reach http://localhost:" + closedPort + " after 2 attempts");
        });
        assertThat(meterRegistry.get("legacy.call.failures").tag("kind", "connection").counter().count()).isEqualTo(2.0);
    }

    /** A read timeout no loaded CI machine reaches by accident; only the timeout test uses a short one. */
    private static final Duration GENEROUS_READ_TIMEOUT = Duration.ofSeconds(5);

    private HttpLegacyClaimsSystem client(int attempts) {
        return client(attempts, GENEROUS_READ_TIMEOUT);
    }

    private HttpLegacyClaimsSystem client(int attempts, Duration readTimeout) {
        return client(URI.create("http://localhost:" + server.getAddress().getPort()), attempts, readTimeout);
    }

    private HttpLegacyClaimsSystem client(URI baseUrl, int attempts) {
        return client(baseUrl, attempts, GENEROUS_READ_TIMEOUT);
    }

    private HttpLegacyClaimsSystem client(URI baseUrl, int attempts, Duration readTimeout) {
        LegacyAdapterProperties.Legacy settings = new LegacyAdapterProperties.Legacy(baseUrl, Duration.ofSeconds(2),
                readTimeout, new LegacyAdapterProperties.Retry(attempts, Duration.ofMillis(10), 2.0,
                        Duration.ofMillis(50)));
        return new HttpLegacyClaimsSystem(RestClient.builder(), settings, meterRegistry);
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        clientPorts.add(exchange.getRemoteAddress().getPort());
        received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply reply = script.poll();
        if (reply == null) {
            reply = new Reply(500, "unscripted call", false);
        }
        if (reply.hang()) {
            try {
                releaseHangingAnswers.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: exactly what the test provoked
        } finally {
            exchange.close();
        }
    }
}
