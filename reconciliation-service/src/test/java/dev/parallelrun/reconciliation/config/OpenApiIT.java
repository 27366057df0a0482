package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document generated from the code documents every endpoint of the architecture contract
 * ({@code contract-paths.txt}), says how to authenticate, and, like its Swagger UI, is for API users only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class OpenApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "openapi");
        String stateDir = Files.createTempDirectory("openapi-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void documentsEveryEndpointOfTheArchitectureContract() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", "auditor");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = codec.mapper().readTree(response.body());
        assertThat(document.get("openapi").asString()).startsWith("3.");

        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + normalized(path.getKey()))));
        List<String> contract = contractPaths();
        assertThat(contract).hasSizeGreaterThanOrEqualTo(17);
        List<String> missing = contract.stream().filter(endpoint -> {
            String[] parts = endpoint.split(" ", 2);
            return !documented.contains(parts[0] + " " + normalized(parts[1]));
        }).toList();
        assertThat(missing).as("contract endpoints missing from /v3/api-docs, which has " + documented).isEmpty();
    }

    @Test
    void describesHttpBasicAndTheExportsFormats() throws Exception {
        JsonNode document = codec.mapper().readTree(get("/v3/api-docs", "operator").body());

        JsonNode basic = document.get("components").get("securitySchemes").get(OpenApiConfig.BASIC);
        assertThat(basic.get("type").asString()).isEqualTo("http");
        assertThat(basic.get("scheme").asString()).isEqualTo("basic");
        assertThat(document.get("security").get(0).has(OpenApiConfig.BASIC)).isTrue();
        // no JWT resource server configured here: no bearer scheme promised
        assertThat(document.get("components").get("securitySchemes").has(OpenApiConfig.BEARER)).isFalse();

        JsonNode export = document.get("paths").get("/api/v1/reconciliations/export").get("get");
        assertThat(export.get("tags").get(0).asString()).isEqualTo("Verdicts");
        assertThat(export.get("responses").get("200").get("content").has("text/csv")).isTrue();
        assertThat(export.get("responses").get("200").get("content").has("application/x-ndjson")).isTrue();
        List<String> parameters = new ArrayList<>();
        export.get("parameters").forEach(p -> parameters.add(p.get("name").asString()));
        assertThat(parameters).contains("context", "outcomeType", "classification", "severity", "from", "to");
    }

    @Test
    void servesTheDocumentAndItsSwaggerUiToApiUsersOnly() throws Exception {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html",
                "/swagger-ui/index.html")) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
        }
        for (String user : List.of("auditor", "operator", "admin")) {
            assertThat(get("/v3/api-docs", user).statusCode()).as(user).isEqualTo(200);
        }
        assertThat(get("/v3/api-docs.yaml", "auditor").body()).containsPattern("(?m)^openapi: \"?3\\.");
        HttpResponse<String> redirect = get("/swagger-ui.html", "auditor");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        HttpResponse<String> page = get("/swagger-ui/index.html", "auditor");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        // the page's own resources and the configuration that points it at /v3/api-docs, with the same credentials
        for (String resource : List.of("/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-ui.css",
                "/swagger-ui/swagger-initializer.js")) {
            assertThat(get(resource, "auditor").statusCode()).as(resource).isEqualTo(200);
        }
        JsonNode config = codec.mapper().readTree(get("/v3/api-docs/swagger-config", "auditor").body());
        assertThat(config.get("url").asString()).isEqualTo("/v3/api-docs");
    }

    /** The contract's endpoints, without comments (pending ones included) and blank lines. */
    private static List<String> contractPaths() throws IOException {
        try (InputStream in = OpenApiIT.class.getResourceAsStream("/contract-paths.txt")) {
            assertThat(in).as("contract-paths.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    /** A path template with its variables unnamed: {@code /a/{context}} and {@code /a/{name}} are one path. */
    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
