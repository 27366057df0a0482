package dev.parallelrun.legacysystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import dev.parallelrun.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in over HTTP, started the way the runner starts it: through its application builder, on a database. */
class LegacyClaimsHttpIT {

    private static TestDatabases.TestDatabase database;
    private static ConfigurableApplicationContext application;
    private static String baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        database = TestDatabases.create("legacy_system_http");
        startOnTheDatabase();
    }

    private static void startOnTheDatabase() {
        application = LegacyClaimsSystemApplication.builder().run("--server.port=0", "--spring.profiles.active=local", "--legacy-system.latency=0ms",
                "--legacy-system.failure-rate=0", "--legacy-system.slow-delay=300ms",
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password());
        baseUrl = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void answersTheDocumentedExampleInTheLegacyFormat() throws Exception {
        HttpResponse<String> response = process(request(UUID.randomUUID().toString(), "CLM-1001", "POL-77", "1234.56"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("CLAIM_NO").asString()).isEqualTo("CLM-1001");
        assertThat(body.get("STATUS").asString()).isEqualTo("00");
        assertThat(body.get("FRAUD_IND").asString()).isEqualTo("N");
        assertThat(body.get("RISK_SCR").asString()).isEqualTo("10");
        assertThat(body.get("RSN_CD").asString()).isEmpty();
        assertThat(body.get("PAY_AMT").asString()).isEqualTo("976.10");
        assertThat(body.get("RSV_AMT").asString()).isEqualTo("1358.02");
        assertThat(body.get("MSG").asString()).isEmpty();
        assertThat(body.get("LEDGER").toString()).isEqualTo("[{\"ACCT\":\"5100\",\"DC\":\"D\",\"AMT\":\"976.10\"},"
                + "{\"ACCT\":\"2100\",\"DC\":\"C\",\"AMT\":\"976.10\"},"
                + "{\"ACCT\":\"1800\",\"DC\":\"D\",\"AMT\":\"1358.02\"},"
                + "{\"ACCT\":\"2900\",\"DC\":\"C\",\"AMT\":\"1358.02\"}]");
    }

    @Test
    void answersARepeatedRequestKeyWithTheFirstAnswerWithoutDecidingAgain() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> first = process(request(reqKey, "CLM-2001", "POL-77", "1234.65"));
        // the same key with another amount: the platform answers what it decided the first time
        HttpResponse<String> second = process(request(reqKey, "CLM-2001", "POL-77", "99999.00"));

        assertThat(json.readTree(first.body()).get("PAY_AMT").asString()).isEqualTo("976.19");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":1}");
    }

    @Test
    void answersARepeatedRequestKeyWithTheFirstAnswerAfterARestartWithoutBookingAgain() throws Exception {
        String reqKey = UUID.randomUUID().toString();
        HttpResponse<String> first = process(request(reqKey, "CLM-2002", "POL-77", "1234.65"));

        application.close();
        startOnTheDatabase();
        HttpResponse<String> afterRestart = process(request(reqKey, "CLM-2002", "POL-77", "99999.00"));

        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.body()).isEqualTo(first.body());
        // the posting journal holds one booking for the key
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":1}");
    }

    @Test
    void decidesConcurrentRequestsWithOneKeyOnce() throws Exception {
        String reqKey = UUID.randomUUID().toString();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(http.sendAsync(post(request(reqKey, "CLM-2003", "POL-77", (100 + i) + ".00")),
                    HttpResponse.BodyHandlers.ofString()));
        }

        List<String> bodies = answers.stream().map(CompletableFuture::join).map(HttpResponse::body).toList();

        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":8,\"decisions\":1}");
    }

    @Test
    void answersAnUnknownPolicyWithStatus09() throws Exception {
        HttpResponse<String> response = process(request(UUID.randomUUID().toString(), "CLM-3001", "POL-000", "100.00"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("STATUS").asString()).isEqualTo("09");
        assertThat(body.get("MSG").asString()).isEqualTo("UNKNOWN POLICY POL-000");
    }

    @Test
    void failsClaimNumbersStartingWithClmFailEveryTimeWithoutDeciding() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        assertThat(process(request(reqKey, "CLM-FAIL-1", "POL-77", "100.00")).statusCode()).isEqualTo(500);
        assertThat(process(request(reqKey, "CLM-FAIL-1", "POL-77", "100.00")).statusCode()).isEqualTo(500);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":0}");
    }

    @Test
    void answersClaimNumbersStartingWithClmSlowOnlyAfterTheSlowDelay() throws Exception {
        long started = System.nanoTime();

        HttpResponse<String> response = process(request(UUID.randomUUID().toString(), "CLM-SLOW-1", "POL-77", "1234.56"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("STATUS").asString()).isEqualTo("00");
    }

    @Test
    void refusesACallerWithoutTheClientCredential() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/claims/process"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(UUID.randomUUID().toString(), "CLM-4002", "POL-77", "1.00")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> scraper = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/admin/requests/x"))
                .header("Authorization", basic("metrics", "metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(scraper.statusCode()).isEqualTo(403);
    }

    @Test
    void reportsNoUsageForAnUnknownRequestKey() throws Exception {
        assertThat(usage("never-seen")).isEqualTo("{\"calls\":0,\"decisions\":0}");
    }

    @Test
    void exposesPrometheusMetricsToTheScraperOnly() throws Exception {
        process(request(UUID.randomUUID().toString(), "CLM-4001", "POL-77", "100.00"));

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Authorization", basic("metrics", "metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("legacy_system_requests_total");
    }

    private String request(String reqKey, String claimNo, String policyNo, String amount) {
        return """
                {"REQ_KEY": "%s", "CLAIM_NO": "%s", "POLICY_NO": "%s", "LOB": "MOTOR", "CTRY": "DE",
                 "AMT_CLAIMED": "%s", "CCY": "EUR", "LOSS_DT": "20261101", "RPT_DT": "20261102",
                 "DESC": "rear-end collision"}""".formatted(reqKey, claimNo, policyNo, amount);
    }

    private HttpResponse<String> process(String body) throws IOException, InterruptedException {
        return http.send(post(body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/claims/process"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("legacy-adapter", "legacy-adapter"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String usage(String reqKey) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/admin/requests/" + reqKey))
                        .header("Authorization", basic("legacy-adapter", "legacy-adapter")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
