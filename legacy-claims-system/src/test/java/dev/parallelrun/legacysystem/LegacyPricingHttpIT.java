package dev.parallelrun.legacysystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The pricing transaction over HTTP, on a database, started the way the runner starts the stand-in. */
class LegacyPricingHttpIT {

    private static final String QUOTE = "/legacy/pricing/quote";

    private static TestDatabases.TestDatabase database;
    private static ConfigurableApplicationContext application;
    private static String baseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        database = TestDatabases.create("legacy_system_pricing");
        application = LegacyClaimsSystemApplication.builder().run("--server.port=0", "--spring.profiles.active=local",
                "--legacy-system.latency=0ms", "--legacy-system.failure-rate=0", "--legacy-system.slow-delay=300ms",
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
        HttpResponse<String> response = quote(request(UUID.randomUUID().toString(), "QTE-1001", "PRIV", "GLASTHEFROADEDOC"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("QUOTE_NO").asString()).isEqualTo("QTE-1001");
        assertThat(body.get("STATUS").asString()).isEqualTo("Q1");
        assertThat(body.get("QUOTE_REF").asString()).matches("QR[0-9A-F]{12}");
        assertThat(body.get("CCY").asString()).isEqualTo("EUR");
        assertThat(body.get("NET_PREM").asString()).isEqualTo("531.96");
        assertThat(body.get("TAX_AMT").asString()).isEqualTo("101.08");
        assertThat(body.get("GROSS_PREM").asString()).isEqualTo("633.04");
        assertThat(body.get("TAX_CD").asString()).isEqualTo("DE1900");
        assertThat(body.get("DISC_RSN").asString()).isEqualTo("0203");
        assertThat(body.get("PROMO").asString()).isEqualTo("MULTWEB2        ");
        assertThat(body.get("MSG").asString()).isEmpty();
        assertThat(body.get("LINES").toString()).isEqualTo(
                "[{\"LINE_CD\":\"BASE\",\"PREM\":\"435.00\",\"NET\":\"413.25\",\"TAX\":\"78.52\"},"
                + "{\"LINE_CD\":\"GLAS\",\"PREM\":\"34.80\",\"NET\":\"33.06\",\"TAX\":\"6.28\"},"
                + "{\"LINE_CD\":\"THEF\",\"PREM\":\"65.25\",\"NET\":\"61.99\",\"TAX\":\"11.78\"},"
                + "{\"LINE_CD\":\"ROAD\",\"PREM\":\"24.90\",\"NET\":\"23.66\",\"TAX\":\"4.50\"}]");
    }

    @Test
    void journalsTheRequestAndItsQuoteDurably() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> response = quote(request(reqKey, "QTE-2001", "LOYL", "GLASEDOC"));

        assertThat(response.statusCode()).isEqualTo(200);
        String quoteRef = json.readTree(response.body()).get("QUOTE_REF").asString();
        assertThat(journalRow(reqKey)).isEqualTo("1|QTE-2001|" + quoteRef);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":1,\"simulations\":0}");
    }

    @Test
    void answersARepeatedRequestKeyWithTheFirstQuoteItsReferenceIncluded() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> first = quote(request(reqKey, "QTE-2002", "PRIV", "GLAS"));
        // the same key with other options: the platform answers what it quoted the first time
        HttpResponse<String> second = quote(request(reqKey, "QTE-2002", "YOUN", "THEFROAD"));

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"quotes\":1,\"simulations\":0}");
    }

    @Test
    void givesTheSameRequestUnderANewKeyTheSamePremiumsButANewQuoteReference() throws Exception {
        JsonNode first = json.readTree(quote(request(UUID.randomUUID().toString(), "QTE-2003", "PRIV", "GLAS")).body());
        JsonNode second = json.readTree(quote(request(UUID.randomUUID().toString(), "QTE-2003", "PRIV", "GLAS")).body());

        assertThat(second.get("QUOTE_REF").asString()).isNotEqualTo(first.get("QUOTE_REF").asString());
        assertThat(second.get("GROSS_PREM")).isEqualTo(first.get("GROSS_PREM"));
        assertThat(second.get("LINES")).isEqualTo(first.get("LINES"));
    }

    @Test
    void answersAnInvalidRequestWith422ProblemDetailsAndStillJournalsTheCall() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> response = quote(request(reqKey, "QTE-3001", "VIP", "GLAS"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("type").asString()).isEqualTo("urn:parallelrun:legacy:problem:invalid-quote-request");
        assertThat(problem.get("detail").asString()).isEqualTo("INVALID SEG VIP");
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":0,\"simulations\":0}");
    }

    @Test
    void answersAnUnreadableBodyWith400ProblemDetails() throws Exception {
        HttpResponse<String> response = quote("{\"REQ_KEY\": \"k\", \"QUOTE_NO\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void declinesAnUninsurableRiskWithE7AndSaysWhyInTheMessage() throws Exception {
        String body = request(UUID.randomUUID().toString(), "QTE-3002", "PRIV", "").replace("300000.00", "3000000.01");

        JsonNode answer = json.readTree(quote(body).body());

        assertThat(answer.get("STATUS").asString()).isEqualTo("E7");
        assertThat(answer.get("MSG").asString()).isEqualTo("RISK NOT INSURABLE");
        assertThat(answer.get("GROSS_PREM").asString()).isEqualTo("0.00");
        assertThat(answer.get("PROMO").asString()).isEqualTo(" ".repeat(16));
        assertThat(answer.get("LINES").isEmpty()).isTrue();
    }

    @Test
    void failsQuoteNumbersStartingWithQteFailEveryTimeWithoutQuoting() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> first = quote(request(reqKey, "QTE-FAIL-1", "PRIV", "GLAS"));
        HttpResponse<String> second = quote(request(reqKey, "QTE-FAIL-1", "PRIV", "GLAS"));

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(json.readTree(first.body()).get("STATUS").asString()).isEqualTo("99");
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"quotes\":0,\"simulations\":0}");
    }

    @Test
    void answersQuoteNumbersStartingWithQteSlowOnlyAfterTheSlowDelay() throws Exception {
        long started = System.nanoTime();

        HttpResponse<String> response = quote(request(UUID.randomUUID().toString(), "QTE-SLOW-1", "PRIV", "GLAS"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("STATUS").asString()).isEqualTo("Q1");
    }

    @Test
    void refusesACallerWithoutTheClientCredential() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(baseUrl + QUOTE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(UUID.randomUUID().toString(), "QTE-4001", "PRIV", "")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> scraper = http.send(HttpRequest.newBuilder(URI.create(baseUrl + QUOTE))
                .header("Content-Type", "application/json").header("Authorization", basic("metrics", "metrics"))
                .POST(HttpRequest.BodyPublishers.ofString(request(UUID.randomUUID().toString(), "QTE-4001", "PRIV", "")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(scraper.statusCode()).isEqualTo(403);
    }

    @Test
    void simulatesTheQuoteAPostingPricesForTheSameFormWithoutPostingOrSendingALetter() throws Exception {
        // the documented example (tax rounded per line: 101.08, not 101.07), travel in BE for a business (8.61, not
        // 8.60), referred above the referral limit, declined as not insurable
        List<String> forms = List.of(
                request("%s", "QTE-SIM-1", "PRIV", "GLASTHEFROADEDOC"),
                request("%s", "QTE-SIM-2", "BUSI", "LEGL").replace("\"HOME\"", "\"TRAVEL\"").replace("\"DE\"", "\"BE\"")
                        .replace("300000.00", "5000.00"),
                request("%s", "QTE-SIM-3", "PRIV", "GLAS").replace("300000.00", "1500000.00"),
                request("%s", "QTE-SIM-4", "PRIV", "").replace("300000.00", "3000000.01"));
        for (String form : forms) {
            String simulatedKey = UUID.randomUUID().toString();
            String postedKey = UUID.randomUUID().toString();

            HttpResponse<String> simulated = quote(withMode(form.formatted(simulatedKey), "SIMULATE"));
            HttpResponse<String> posted = quote(withMode(form.formatted(postedKey), "POST"));

            assertThat(simulated.statusCode()).isEqualTo(200);
            assertThat(withoutQuoteRef(simulated.body())).as(form).isEqualTo(withoutQuoteRef(posted.body()));
            assertThat(usage(simulatedKey)).isEqualTo("{\"calls\":1,\"quotes\":0,\"simulations\":1}");
            assertThat(witness("postings", simulatedKey)).isEmpty();
            assertThat(witness("letters", simulatedKey)).isEmpty();
        }
        JsonNode example = json.readTree(quote(withMode(forms.get(0).formatted(UUID.randomUUID()), "SIMULATE")).body());
        assertThat(example.get("TAX_AMT").asString()).isEqualTo("101.08");
        assertThat(example.get("GROSS_PREM").asString()).isEqualTo("633.04");
        JsonNode travel = json.readTree(quote(withMode(forms.get(1).formatted(UUID.randomUUID()), "SIMULATE")).body());
        assertThat(travel.get("TAX_AMT").asString()).isEqualTo("8.61");
    }

    @Test
    void postsAPricedQuoteOnceWithOneQuoteLetterHoweverOftenItsKeyIsRepeated() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        for (int i = 0; i < 3; i++) {
            assertThat(quote(request(reqKey, "QTE-5001", "PRIV", "GLASTHEFROADEDOC")).statusCode()).isEqualTo(200);
        }

        JsonNode posting = single(witness("postings", reqKey));
        assertThat(posting.get("kind").asString()).isEqualTo("quote");
        assertThat(posting.get("businessId").asString()).isEqualTo("QTE-5001");
        assertThat(posting.get("status").asString()).isEqualTo("Q1");
        assertThat(posting.get("amount").asString()).isEqualTo("633.04");
        JsonNode letter = single(witness("letters", reqKey));
        assertThat(letter.get("letter").asString()).isEqualTo("QUOTE");
        assertThat(letter.get("kind").asString()).isEqualTo("quote");
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":3,\"quotes\":1,\"simulations\":0}");
    }

    @Test
    void postsNothingForADeclinedQuote() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        quote(request(reqKey, "QTE-5002", "PRIV", "").replace("300000.00", "3000000.01"));

        assertThat(witness("postings", reqKey)).isEmpty();
        assertThat(witness("letters", reqKey)).isEmpty();
    }

    @Test
    void leavesTheKeyFreeAfterASimulationSoTheRealRequestPricesAndPostsOnce() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        JsonNode simulated = json.readTree(quote(withMode(request(reqKey, "QTE-5003", "YOUN", "THEF"), "SIMULATE")).body());
        // the real request with the key asks for another quote: it is priced, not answered with the simulation
        HttpResponse<String> posted = quote(request(reqKey, "QTE-5003", "PRIV", "GLASTHEFROADEDOC"));
        HttpResponse<String> simulatedAgain = quote(withMode(request(reqKey, "QTE-5003", "PRIV", "GLAS"), "SIMULATE"));

        assertThat(json.readTree(posted.body()).get("GROSS_PREM").asString()).isEqualTo("633.04")
                .isNotEqualTo(simulated.get("GROSS_PREM").asString());
        // a simulation of a key priced for real answers its real quote, its reference included
        assertThat(simulatedAgain.body()).isEqualTo(posted.body());
        assertThat(single(witness("postings", reqKey)).get("amount").asString()).isEqualTo("633.04");
        assertThat(witness("letters", reqKey)).hasSize(1);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":3,\"quotes\":1,\"simulations\":2}");
    }

    @Test
    void failsQuoteNumbersStartingWithQteFailInSimulateModeToo() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        assertThat(quote(withMode(request(reqKey, "QTE-FAIL-2", "PRIV", "GLAS"), "SIMULATE")).statusCode()).isEqualTo(500);
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":0,\"simulations\":1}");
    }

    @Test
    void refusesAnUnknownModeWith422AndPricesNothingForTheKey() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> refused = quote(withMode(request(reqKey, "QTE-5004", "PRIV", "GLAS"), "DRY-RUN"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).get("detail").asString()).isEqualTo("INVALID MODE DRY-RUN");
        assertThat(witness("postings", reqKey)).isEmpty();
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":0,\"simulations\":0}");
    }

    /** The request with a {@code MODE} field, as the adapter sends it; without it, a request is an old caller's. */
    private static String withMode(String request, String mode) {
        return request.substring(0, request.lastIndexOf('}')) + ", \"MODE\": \"" + mode + "\"}";
    }

    /** The answer without its quote reference: the one value not derived from the request. */
    private String withoutQuoteRef(String body) {
        return ((ObjectNode) json.readTree(body)).put("QUOTE_REF", "").toString();
    }

    private List<JsonNode> witness(String witness, String reqKey) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/" + witness
                        + "?reqKey=" + reqKey)).header("Authorization", basic("legacy-adapter", "legacy-adapter")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json.readTree(response.body()).get("items").forEach(items::add);
        return items;
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String request(String reqKey, String quoteNo, String segment, String options) {
        return """
                {"REQ_KEY": "%s", "QUOTE_NO": "%s", "LOB": "HOME", "CTRY": "DE", "SEG": "%s",
                 "SUM_INS": "300000.00", "CCY": "EUR", "OPTS": "%s",
                 "CUST_NM": "Erika Mustermann", "CUST_EML": "erika@example.org"}""".formatted(reqKey, quoteNo, segment, options);
    }

    private HttpResponse<String> quote(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + QUOTE))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("legacy-adapter", "legacy-adapter"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String usage(String reqKey) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/legacy/admin/quote-requests/" + reqKey))
                        .header("Authorization", basic("legacy-adapter", "legacy-adapter")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The key's row in the stand-in's own database: calls, and the remembered quote's number and reference. */
    private static String journalRow(String reqKey) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                PreparedStatement select = connection.prepareStatement("""
                        SELECT calls, decision->>'quoteNo', decision->>'quoteRef'
                        FROM legacy_system.quote_journal WHERE req_key = ?""")) {
            select.setString(1, reqKey);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("journal row for " + reqKey).isTrue();
                return row.getInt(1) + "|" + row.getString(2) + "|" + row.getString(3);
            }
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
