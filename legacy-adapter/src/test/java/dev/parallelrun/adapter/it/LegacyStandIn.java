package dev.parallelrun.adapter.it;

import dev.parallelrun.legacysystem.LegacyClaimsSystemApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy claims platform stand-in, started once per test JVM through its own application builder
 * (as the local runner starts it), on a random port, without random failures or latency.
 */
final class LegacyStandIn {

    /** How long {@code CLM-SLOW*} claims take: longer than every read timeout the tests configure. */
    static final String SLOW_DELAY = "3s";

    private static ConfigurableApplicationContext application;

    private LegacyStandIn() {
    }

    static synchronized String url() {
        if (application == null) {
            application = LegacyClaimsSystemApplication.builder().run("--server.port=0",
                    "--legacy-system.latency=0ms", "--legacy-system.failure-rate=0",
                    "--legacy-system.slow-delay=" + SLOW_DELAY);
        }
        return "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    /** How often the stand-in received and decided a request key: {@code {"calls": n, "decisions": n}}. */
    static Usage usage(String reqKey) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + "/legacy/admin/requests/" + reqKey)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JsonMapper.builder().build().readTree(response.body());
            return new Usage(body.get("calls").asInt(), body.get("decisions").asInt());
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the legacy stand-in about " + reqKey, e);
        }
    }

    record Usage(int calls, int decisions) {
    }
}
