package dev.parallelrun.adapter.it;

import dev.parallelrun.legacysystem.LegacyClaimsSystemApplication;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy platform stand-in (claims and pricing), started once per test JVM through its own application builder
 * (as the local runner starts it), on a random port, with a database of its own, without random failures or latency.
 * It can be restarted: a new application context on the same port and the same database.
 */
final class LegacyStandIn {

    /**
     * How long {@code CLM-SLOW*} claims and {@code QTE-SLOW*} quotes take: longer than every read timeout the tests
     * configure.
     */
    static final String SLOW_DELAY = "3s";

    /** The local profile's client of the stand-in (the adapter's local credential). */
    private static final String LOCAL_CLIENT = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("legacy-adapter:legacy-adapter".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static ConfigurableApplicationContext application;
    private static TestDatabases.TestDatabase database;
    private static String port = "0";

    private LegacyStandIn() {
    }

    static synchronized String url() {
        if (application == null) {
            if (database == null) {
                database = TestDatabases.create("legacy_system");
            }
            application = LegacyClaimsSystemApplication.builder().run("--server.port=" + port, "--spring.profiles.active=local",
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    "--legacy-system.latency=0ms", "--legacy-system.failure-rate=0",
                    "--legacy-system.slow-delay=" + SLOW_DELAY);
            port = application.getEnvironment().getProperty("local.server.port");
            warmUp();
        }
        return "http://localhost:" + port;
    }

    /**
     * One request through every layer (HTTP, JSON, its database) before the adapter's first call, so a cold start on
     * a busy machine does not run into the short read timeouts the tests configure.
     */
    private static void warmUp() {
        warmUp("/legacy/claims/process", """
                {"REQ_KEY": "warm-up-%s", "CLAIM_NO": "CLM-WARM-UP", "POLICY_NO": "POL-77", "LOB": "MOTOR", "CTRY": "DE",
                 "AMT_CLAIMED": "100.00", "CCY": "EUR", "LOSS_DT": "20261101", "RPT_DT": "20261102", "DESC": "warm-up"}""");
        warmUp("/legacy/pricing/quote", """
                {"REQ_KEY": "warm-up-%s", "QUOTE_NO": "QTE-WARM-UP", "LOB": "HOME", "CTRY": "DE", "SEG": "PRIV",
                 "SUM_INS": "100000.00", "CCY": "EUR", "OPTS": "", "CUST_NM": "warm-up", "CUST_EML": ""}""");
    }

    private static void warmUp(String path, String template) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("Authorization", LOCAL_CLIENT)
                    .POST(HttpRequest.BodyPublishers.ofString(template.formatted(UUID.randomUUID()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the legacy stand-in answered " + response.statusCode() + " to a warm-up of "
                        + path + ": " + response.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("cannot warm up the legacy stand-in", e);
        }
    }

    /** Stops the stand-in and starts it again on the same port and database, as a restarted legacy platform. */
    static synchronized void restart() {
        url();
        application.close();
        application = null;
        url();
    }

    /** How often the stand-in received and decided a claim's request key: {@code {"calls": n, "decisions": n}}. */
    static Usage usage(String reqKey) {
        JsonNode body = admin("/legacy/admin/requests/" + reqKey);
        return new Usage(body.get("calls").asInt(), body.get("decisions").asInt());
    }

    /** How often the stand-in received and priced a quote's request key: {@code {"calls": n, "quotes": n}}. */
    static QuoteUsage quoteUsage(String reqKey) {
        JsonNode body = admin("/legacy/admin/quote-requests/" + reqKey);
        return new QuoteUsage(body.get("calls").asInt(), body.get("quotes").asInt());
    }

    /** How many of the calls with a claim's request key were simulations. */
    static int simulations(String reqKey) {
        return admin("/legacy/admin/requests/" + reqKey).get("simulations").asInt();
    }

    /** How many of the calls with a quote's request key were simulations. */
    static int quoteSimulations(String reqKey) {
        return admin("/legacy/admin/quote-requests/" + reqKey).get("simulations").asInt();
    }

    /**
     * The stand-in's witnesses of real side effects made under a request key, as {@code kind businessId amount}
     * (postings) or {@code kind businessId letter} (letters): what legacy really posted and sent.
     */
    static List<String> postings(String reqKey) {
        List<String> postings = new ArrayList<>();
        admin("/legacy/postings?reqKey=" + reqKey).get("items").forEach(item -> postings.add(item.get("kind").asString()
                + " " + item.get("businessId").asString() + " " + item.get("amount").asString()));
        return postings;
    }

    static List<String> letters(String reqKey) {
        List<String> letters = new ArrayList<>();
        admin("/legacy/letters?reqKey=" + reqKey).get("items").forEach(item -> letters.add(item.get("kind").asString()
                + " " + item.get("businessId").asString() + " " + item.get("letter").asString()));
        return letters;
    }

    private static JsonNode admin(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", LOCAL_CLIENT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JsonMapper.builder().build().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the legacy stand-in " + path, e);
        }
    }

    record Usage(int calls, int decisions) {
    }

    record QuoteUsage(int calls, int quotes) {
    }
}
