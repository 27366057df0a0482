package dev.parallelrun.reconciliation.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Access you can prove: every endpoint the running service maps (its controllers, Spring Boot's error page, the
 * actuator's endpoints and URL-mapped handlers such as static resources, read from the application's own handler
 * mappings) x every method x {anonymous, AUDITOR,
 * OPERATOR, ADMIN, the metrics scraper}, asked over real HTTP, against the decisions written down in
 * {@code access-matrix.csv}. An endpoint with no row fails ("no decided access rule"), and so does a row that
 * names no endpoint, so the file and the service cannot drift apart.
 *
 * <p>"allow" means security let the request through: whatever the handler then answers (400 for the empty body, 404
 * for the dummy id, 405, 415) except 401 and 403. The probes are built not to change anything: path variables are a
 * dummy value no resource has, and writes carry an empty JSON object that no write accepts; a write that is answered
 * 2xx fails the test, since it changed state the next probes may trip over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // the metrics scraper is refused (401) on every API path: more failures from one address than the
        // production throttle allows in a minute, which would answer 429 and hide the decisions
        "parallelrun.security.failed-authentication.per-minute=100000"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class AccessMatrixIT {

    static final String MATRIX = "access-matrix.csv";
    /** A mapping without a method condition answers every method: probed with each of these. */
    static final List<String> ANY_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final List<String> IDENTITIES = List.of("anonymous", "auditor", "operator", "admin", "metrics");
    private static final String DUMMY = "no-such-id";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "access_matrix");
        String stateDir = Files.createTempDirectory("access-matrix-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEndpointAnswersEachRoleAsTheMatrixDecided() throws Exception {
        Set<String> endpoints = mappedEndpoints();
        Map<String, List<String>> matrix = matrix();
        List<String> problems = new ArrayList<>();
        for (String endpoint : endpoints) {
            if (!matrix.containsKey(endpoint)) {
                problems.add(endpoint + ": no decided access rule; add a row to src/test/resources/" + MATRIX);
            }
        }
        for (String row : matrix.keySet()) {
            if (!endpoints.contains(row)) {
                problems.add(row + ": the row in " + MATRIX + " matches no endpoint of the service; remove or correct it");
            }
        }
        int probes = 0;
        for (Map.Entry<String, List<String>> row : matrix.entrySet()) {
            if (!endpoints.contains(row.getKey())) {
                continue;
            }
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String pattern = row.getKey().substring(row.getKey().indexOf(' ') + 1);
            for (String probeMethod : method.equals("ANY") ? ANY_METHODS : List.of(method)) {
                for (int i = 0; i < IDENTITIES.size(); i++) {
                    String identity = IDENTITIES.get(i);
                    String expected = row.getValue().get(i);
                    int status = probe(probeMethod, concretePath(pattern), identity);
                    probes++;
                    String actual = status == 401 ? "401" : status == 403 ? "403" : "allow";
                    if (!actual.equals(expected)) {
                        problems.add(probeMethod + " " + pattern + " as " + identity + ": expected " + expected
                                + ", answered " + status);
                    }
                    if (!probeMethod.equals("GET") && status >= 200 && status < 300) {
                        problems.add(probeMethod + " " + pattern + " as " + identity + ": the probe was answered " + status
                                + " and may have changed state; the matrix needs probes that change nothing");
                    }
                }
            }
        }
        assertThat(problems).as("access decisions against %s (%d probes)", MATRIX, probes).isEmpty();
        assertThat(probes).as("the matrix was actually probed").isGreaterThan(endpoints.size());
    }

    /** {@code "METHOD /pattern"} for every pattern and method of every request mapping (controllers and actuator). */
    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        endpoints.add("ANY " + pattern);
                    }
                    for (RequestMethod method : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        // static resources and other URL-mapped handlers (a console's files, say): served for GET (and HEAD)
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            for (String pattern : mapping.getHandlerMap().keySet()) {
                endpoints.add("GET " + pattern);
            }
        }
        return endpoints;
    }

    /** The file's rows: {@code "METHOD /pattern"} to the expected decision per identity, in {@link #IDENTITIES} order. */
    static Map<String, List<String>> matrix() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(MATRIX).getInputStream(), StandardCharsets.UTF_8))) {
            String header = null;
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = List.of(line.split("\\s*,\\s*", -1));
                if (header == null) {
                    header = line;
                    assertThat(cells).as("the header of " + MATRIX)
                            .containsExactly("method", "path", "anonymous", "auditor", "operator", "admin", "metrics");
                    continue;
                }
                assertThat(cells).as(MATRIX + ": " + line).hasSize(2 + IDENTITIES.size());
                assertThat(cells.subList(2, cells.size())).as(MATRIX + ": " + line)
                        .allMatch(cell -> cell.equals("allow") || cell.equals("401") || cell.equals("403"));
                String key = cells.get(0) + " " + cells.get(1);
                assertThat(rows.put(key, cells.subList(2, cells.size()))).as(MATRIX + ": twice: " + key).isNull();
            }
        }
        return rows;
    }

    /** The pattern with every variable and wildcard replaced by a value no resource has. */
    static String concretePath(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]*}", DUMMY).replace("**", DUMMY).replace("*", DUMMY);
    }

    private int probe(String method, String path, String identity) throws Exception {
        boolean write = !method.equals("GET");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, write ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (write) {
            request.header("Content-Type", "application/json");
        }
        if (!identity.equals("anonymous")) {
            // the local profile's development users: each name is its own password
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((identity + ":" + identity).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
