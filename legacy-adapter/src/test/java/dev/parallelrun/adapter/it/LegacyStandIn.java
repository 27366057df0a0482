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

    /** The local profile's client of the stand-in (the adapter's local credential). */
    private static final String LOCAL_CLIENT = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("legacy-adapter:legacy-adapter".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static ConfigurableApplicationContext application;

    private LegacyStandIn() {
    }

    static synchronized String url() {
        if (application == null) {
            application = LegacyClaimsSystemApplication.builder().run("--server.port=0", "--spring.profiles.active=local",
                    "--legacy-system.latency=0ms", "--legacy-system.failure-rate=0",
                    "--legacy-system.slow-delay=" + SLOW_DELAY);
            // one request first, so the first test's call does not pay for the stand-in's lazy initialisation
            // (dispatcher servlet, security filters) against the adapter's short read timeout
            String warmUp = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(warmUp + "/legacy/admin/requests/warm-up"))
                        .header("Authorization", LOCAL_CLIENT).build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException("the legacy stand-in does not answer", e);
            }
        }
        return "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
    }

    /** How often the stand-in received and decided a request key: {@code {"calls": n, "decisions": n}}. */
    static Usage usage(String reqKey) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url() + "/legacy/admin/requests/" + reqKey))
                            .header("Authorization", LOCAL_CLIENT).build(),
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
