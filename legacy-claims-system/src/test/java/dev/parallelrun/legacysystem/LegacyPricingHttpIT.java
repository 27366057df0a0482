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
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":1}");
    }

    @Test
    void answersARepeatedRequestKeyWithTheFirstQuoteItsReferenceIncluded() throws Exception {
        String reqKey = UUID.randomUUID().toString();

        HttpResponse<String> first = quote(request(reqKey, "QTE-2002", "PRIV", "GLAS"));
        // the same key with other options: the platform answers what it quoted the first time
        HttpResponse<String> second = quote(request(reqKey, "QTE-2002", "YOUN", "THEFROAD"));

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"quotes\":1}");
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":1,\"quotes\":0}");
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
        assertThat(usage(reqKey)).isEqualTo("{\"calls\":2,\"quotes\":0}");
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
