package dev.parallelrun.legacysystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":1,\"simulations\":0}");
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":1,\"simulations\":0}");
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":8,\"decisions\":1,\"simulations\":0}");
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"decisions\":0,\"simulations\":0}");
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
        assertThat(usage("never-seen")).isEqualTo("{\"calls\":0,\"decisions\":0,\"simulations\":0}");
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

    @Test
    void simulatesTheDecisionAPostingMakesForTheSameFormWithoutPostingBookingOrSendingALetter() throws Exception {
        // approved with half-up rounding (976.185 -> 976.19), referred as suspected fraud, declined below the
        // deductible, refused for an unknown policy
        List<String[]> forms = List.of(
                new String[] {"POL-77", "1234.65", "rear-end collision"},
                new String[] {"POL-77", "25000.00", "car stolen, total loss"},
                new String[] {"POL-77", "120.00", "scratch"},
                new String[] {"POL-000", "100.00", "scratch"});
        for (String[] form : forms) {
            String simulatedKey = UUID.randomUUID().toString();
            String postedKey = UUID.randomUUID().toString();
            String claimNo = "CLM-SIM-" + simulatedKey.substring(0, 8);

            HttpResponse<String> simulated = process(withMode(request(simulatedKey, claimNo, form[0], form[1], form[2]),
                    "SIMULATE"));
            HttpResponse<String> posted = process(withMode(request(postedKey, claimNo, form[0], form[1], form[2]), "POST"));

            assertThat(simulated.statusCode()).isEqualTo(200);
            assertThat(simulated.body()).as("simulated " + String.join(" ", form)).isEqualTo(posted.body());
            assertThat(usage(simulatedKey)).isEqualTo("{\"calls\":1,\"decisions\":0,\"simulations\":1}");
            assertThat(witness("postings", simulatedKey)).isEmpty();
            assertThat(witness("letters", simulatedKey)).isEmpty();
        }
        assertThat(json.readTree(process(withMode(request(UUID.randomUUID().toString(), "CLM-SIM-R", "POL-77",
                "1234.65", "x"), "simulate")).body()).get("PAY_AMT").asString()).isEqualTo("976.19");
    }

    @Test
    void postsADecidedClaimOnceWithOneDecisionLetterHoweverOftenItsKeyIsRepeated() throws Exception {
        String reqKey = UUID.randomUUID().toString();
        Instant before = Instant.now().minusSeconds(1);

        for (int i = 0; i < 3; i++) {
            assertThat(process(request(reqKey, "CLM-5001", "POL-77", "1234.65")).statusCode()).isEqualTo(200);
        }

        JsonNode posting = single(witness("postings", reqKey));
        assertThat(posting.get("kind").asString()).isEqualTo("claim");
        assertThat(posting.get("businessId").asString()).isEqualTo("CLM-5001");
        assertThat(posting.get("status").asString()).isEqualTo("00");
        assertThat(posting.get("amount").asString()).isEqualTo("976.19");
        assertThat(Instant.parse(posting.get("postedAt").asString())).isAfter(before);
        JsonNode letter = single(witness("letters", reqKey));
        assertThat(letter.get("letter").asString()).isEqualTo("CLAIM_DECISION");
        assertThat(letter.get("businessId").asString()).isEqualTo("CLM-5001");
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":3,\"decisions\":1,\"simulations\":0}");
    }

    @Test
    void postsNothingForAClaimThatFailsValidation() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        process(request(reqKey, "CLM-5002", "POL-000", "100.00"));

        assertThat(witness("postings", reqKey)).isEmpty();
        assertThat(witness("letters", reqKey)).isEmpty();
    }

    @Test
    void leavesTheKeyFreeAfterASimulationSoTheRealRequestDecidesAndPostsOnce() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> simulated = process(withMode(request(reqKey, "CLM-5003", "POL-77", "99999.00", "car stolen"),
                "SIMULATE"));
        // the real request with the key carries another amount: it is decided, not answered with the simulation
        HttpResponse<String> posted = process(request(reqKey, "CLM-5003", "POL-77", "1234.65"));
        HttpResponse<String> simulatedAgain = process(withMode(request(reqKey, "CLM-5003", "POL-77", "500.00"),
                "SIMULATE"));

        assertThat(json.readTree(simulated.body()).get("STATUS").asString()).isEqualTo("02");
        assertThat(json.readTree(posted.body()).get("PAY_AMT").asString()).isEqualTo("976.19");
        // a simulation of a key decided for real answers its real decision, as a repeated key always does
        assertThat(simulatedAgain.body()).isEqualTo(posted.body());
        assertThat(single(witness("postings", reqKey)).get("amount").asString()).isEqualTo("976.19");
        assertThat(witness("letters", reqKey)).hasSize(1);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":3,\"decisions\":1,\"simulations\":2}");
    }

    @Test
    void failsClaimNumbersStartingWithClmFailInSimulateModeToo() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        assertThat(process(withMode(request(reqKey, "CLM-FAIL-2", "POL-77", "100.00"), "SIMULATE")).statusCode())
                .isEqualTo(500);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"decisions\":0,\"simulations\":1}");
    }

    @Test
    void refusesAnUnknownModeWithStatus09AndDecidesNothingForTheKey() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        JsonNode refused = json.readTree(process(withMode(request(reqKey, "CLM-5004", "POL-77", "1234.65"), "TEST")).body());
        HttpResponse<String> posted = process(request(reqKey, "CLM-5004", "POL-77", "1234.65"));

        assertThat(refused.get("STATUS").asString()).isEqualTo("09");
        assertThat(refused.get("MSG").asString()).isEqualTo("INVALID MODE TEST");
        assertThat(json.readTree(posted.body()).get("STATUS").asString()).isEqualTo("00");
        assertThat(witness("postings", reqKey)).hasSize(1);
    }

    @Test
    void countsRealPostingsAndSimulationsPerKind() throws Exception {
        double postings = metric("legacy_system_postings_total", "claim");
        double simulations = metric("legacy_system_simulations_total", "claim");

        process(withMode(request(UUID.randomUUID().toString(), "CLM-5005", "POL-77", "100.00"), "SIMULATE"));
        String reqKey = UUID.randomUUID().toString();
        process(request(reqKey, "CLM-5005", "POL-77", "100.00"));
        process(request(reqKey, "CLM-5005", "POL-77", "100.00"));

        assertThat(metric("legacy_system_postings_total", "claim") - postings).isEqualTo(1.0);
        assertThat(metric("legacy_system_simulations_total", "claim") - simulations).isEqualTo(1.0);
    }

    @Test
    void filtersTheWitnessesByTimeAndRefusesMalformedFiltersAsProblemDetails() throws Exception {
        String reqKey = UUID.randomUUID().toString();
        process(request(reqKey, "CLM-5006", "POL-77", "100.00"));

        assertThat(items("/legacy/postings?kind=claim&reqKey=" + reqKey + "&since=" + Instant.now().minusSeconds(60)))
                .hasSize(1);
        assertThat(items("/legacy/postings?reqKey=" + reqKey + "&since=" + Instant.now().plusSeconds(60))).isEmpty();
        assertThat(items("/legacy/letters?kind=quote&reqKey=" + reqKey)).isEmpty();
        for (String malformed : List.of("/legacy/postings?since=yesterday", "/legacy/postings?kind=booking",
                "/legacy/letters?limit=0", "/legacy/letters?limit=many")) {
            HttpResponse<String> response = get(malformed, basic("legacy-adapter", "legacy-adapter"));
            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/postings")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private String request(String reqKey, String claimNo, String policyNo, String amount, String description) {
        return request(reqKey, claimNo, policyNo, amount).replace("rear-end collision", description);
    }

    /** The request with a {@code MODE} field, as the adapter sends it; without it, a request is an old caller's. */
    private static String withMode(String request, String mode) {
        return request.substring(0, request.lastIndexOf('}')) + ", \"MODE\": \"" + mode + "\"}";
    }

    private List<JsonNode> witness(String witness, String reqKey) throws IOException, InterruptedException {
        return items("/legacy/" + witness + "?reqKey=" + reqKey);
    }

    private List<JsonNode> items(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery, basic("legacy-adapter", "legacy-adapter"));
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json.readTree(response.body()).get("items").forEach(items::add);
        return items;
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private HttpResponse<String> get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).header("Authorization", authorization)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter's value in the Prometheus scrape, by its name and {@code kind} label. */
    private double metric(String name, String kind) throws IOException, InterruptedException {
        String scrape = get("/actuator/prometheus", basic("metrics", "metrics")).body();
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("kind=\"" + kind + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + "{kind=" + kind + "} is not in the scrape"));
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
