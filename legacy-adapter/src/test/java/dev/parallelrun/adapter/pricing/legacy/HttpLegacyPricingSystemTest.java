package dev.parallelrun.adapter.pricing.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteCallResult;
import dev.parallelrun.adapter.pricing.domain.LegacyQuoteRequest;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.LegacyMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The pricing client against a scripted HTTP server: what is the platform's answer ({@code 200}, the {@code 422}
 * refusal) and what is a failure to retry. Timeouts and the other failure kinds are the shared client's, tested
 * through the claims client ({@code HttpLegacyClaimsSystemTest}).
 */
class HttpLegacyPricingSystemTest {

    private static final LegacyQuoteRequest REQUEST = new LegacyQuoteRequest("req-1", "QTE-1001", "HOME", "DE", "VIP",
            "300000.00", "EUR", "GLAS", "Erika Mustermann", "erika@example.org");

    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final ConcurrentLinkedQueue<String[]> script = new ConcurrentLinkedQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext(HttpLegacyPricingSystem.QUOTE_PATH, exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String[] reply = script.poll();
            byte[] body = (reply == null ? "unscripted call" : reply[2]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply == null ? "text/plain" : reply[1]);
            exchange.sendResponseHeaders(reply == null ? 500 : Integer.parseInt(reply[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void postsTheLegacyWireFormatAndReadsAPricedAnswer() {
        script.add(new String[] {"200", "application/json", """
                {"QUOTE_NO": "QTE-1001", "STATUS": "Q1", "QUOTE_REF": "QR3F9A0C12B7E4", "CCY": "EUR",
                 "NET_PREM": "33.06", "TAX_AMT": "6.28", "GROSS_PREM": "39.34", "TAX_CD": "DE1900", "DISC_RSN": "",
                 "PROMO": "                ", "MSG": "",
                 "LINES": [{"LINE_CD": "BASE", "PREM": "34.80", "NET": "33.06", "TAX": "6.28"}]}"""});

        LegacyQuoteCallResult result = client(3).quote(REQUEST, LegacyMode.POST);

        assertThat(result).isInstanceOfSatisfying(LegacyQuoteCallResult.Answered.class, answered -> {
            assertThat(answered.response().grossPrem()).isEqualTo("39.34");
            assertThat(answered.response().lines()).singleElement()
                    .satisfies(line -> assertThat(line.lineCd()).isEqualTo("BASE"));
        });
        assertThat(received).singleElement().satisfies(body -> assertThat(body)
                .contains("\"REQ_KEY\":\"req-1\"", "\"QUOTE_NO\":\"QTE-1001\"", "\"SUM_INS\":\"300000.00\"",
                        "\"MODE\":\"POST\""));
    }

    @Test
    void asksLegacyToSimulateWhenItIsNotToPostTheQuote() {
        script.add(new String[] {"200", "application/json", """
                {"QUOTE_NO": "QTE-1001", "STATUS": "E7", "QUOTE_REF": "QR3F9A0C12B7E4", "CCY": "EUR",
                 "NET_PREM": "0.00", "TAX_AMT": "0.00", "GROSS_PREM": "0.00", "TAX_CD": "", "DISC_RSN": "",
                 "PROMO": "                ", "MSG": "RISK NOT INSURABLE", "LINES": []}"""});

        LegacyQuoteCallResult result = client(3).quote(REQUEST, LegacyMode.SIMULATE);

        assertThat(result).isInstanceOf(LegacyQuoteCallResult.Answered.class);
        assertThat(received).singleElement().satisfies(body -> assertThat(body).contains("\"MODE\":\"SIMULATE\"")
                .doesNotContain("\"MODE\":\"POST\""));
    }

    @Test
    void readsTheInvalidQuoteRequestProblemAsARefusalWithoutRetrying() {
        script.add(new String[] {"422", "application/problem+json", """
                {"type": "urn:parallelrun:legacy:problem:invalid-quote-request", "title": "Invalid quote request",
                 "status": 422, "detail": "INVALID SEG VIP", "instance": "/legacy/pricing/quote"}"""});

        LegacyQuoteCallResult result = client(3).quote(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyQuoteCallResult.Refused("INVALID SEG VIP"));
        assertThat(received).hasSize(1);
    }

    @Test
    void failsWithoutRetryingOnA422ThatIsNoInvalidQuoteRequestProblem() {
        script.add(new String[] {"422", "application/problem+json", """
                {"type": "about:blank", "status": 422, "detail": "something else"}"""});

        LegacyQuoteCallResult result = client(3).quote(REQUEST, LegacyMode.POST);

        assertThat(result).isInstanceOfSatisfying(LegacyQuoteCallResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.failure()).isEqualTo(LegacyCallFailure.ERROR);
            assertThat(unavailable.detail()).startsWith("unreadable legacy answer: 422 answer is not an");
        });
        assertThat(received).hasSize(1);
    }

    @Test
    void retriesASystemErrorWithinTheBoundAndCountsItUnderThePricingContext() {
        for (int i = 0; i < 3; i++) {
            script.add(new String[] {"500", "application/json", "{\"STATUS\": \"99\", \"MSG\": \"SYSTEM ERROR\"}"});
        }

        LegacyQuoteCallResult result = client(3).quote(REQUEST, LegacyMode.POST);

        assertThat(result).isEqualTo(new LegacyQuoteCallResult.Unavailable(LegacyCallFailure.ERROR,
                "HTTP 500 after 3 attempts"));
        assertThat(received).hasSize(3);
        assertThat(meterRegistry.get("legacy.call.retries").tag("context", "pricing").counter().count()).isEqualTo(2.0);
        assertThat(meterRegistry.get("legacy.call.failures").tags("context", "pricing", "kind", "server-error")
                .counter().count()).isEqualTo(3.0);
        assertThat(meterRegistry.get("legacy.call").tags("context", "pricing", "outcome", "server-error").timer()
                .count()).isOne();
    }

    private HttpLegacyPricingSystem client(int attempts) {
        LegacyAdapterProperties.Legacy settings = new LegacyAdapterProperties.Legacy(
                URI.create("http://localhost:" + server.getAddress().getPort()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new LegacyAdapterProperties.Retry(attempts, Duration.ofMillis(10), 2.0,
                        Duration.ofMillis(50)));
        return new HttpLegacyPricingSystem(RestClient.builder(), settings, meterRegistry);
    }
}
