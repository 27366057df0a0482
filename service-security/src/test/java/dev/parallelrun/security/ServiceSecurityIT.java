package dev.parallelrun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared security on a real Tomcat on a random port: the metrics scraper's credential, failed
 * authentication throttled before any hashing, Tomcat's own rejections as problem details, and the
 * refusal to start with development credentials outside the local profile.
 */
@SpringBootTest(classes = ServiceSecurityIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=health,info,metrics",
                "parallelrun.security.metrics.password={noop}scrape",
                "parallelrun.security.failed-authentication.per-minute=3",
                // the loopback proxy's X-Forwarded-For names the client, so each test can be a client of its own
                "server.forward-headers-strategy=native"
        })
@ActiveProfiles("local")
class ServiceSecurityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Test
    void timesRequestsButNotSpringSecuritysOwnSteps() throws Exception {
        assertThat(get("/api/hello", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics", basic("metrics", "scrape")).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                registry.find("http.server.requests").tag("uri", "/api/hello").timer()).isNotNull());
        assertThat(registry.getMeters()).map(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."));
    }

    @Test
    void servesHealthToAnyoneAndMetricsOnlyToTheScraper() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = get("/actuator/metrics", null);
        HttpResponse<String> scraper = get("/actuator/metrics", basic("metrics", "scrape"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(scraper.statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAClientThatFailedTooOftenWith429BeforeCheckingItsCredentialsAgain() throws Exception {
        int unauthorized = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/metrics"))
                    .header("Authorization", basic("metrics", "guess-" + i))
                    .header("X-Forwarded-For", "203.0.113.7"));
            if (last.statusCode() == 401) {
                unauthorized++;
            }
        }

        assertThat(unauthorized).isEqualTo(3);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(last.body()).contains("urn:parallelrun:problem:too-many-requests");
        // probes carry no credentials and are never throttled
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .header("X-Forwarded-For", "203.0.113.7")).statusCode()).isEqualTo(200);
        // other clients are not affected
        assertThat(get("/actuator/metrics", basic("metrics", "scrape")).statusCode()).isEqualTo(200);
    }

    @Test
    void answersAnEncodedSlashInThePathWithAProblem() throws IOException {
        assertProblem(raw("GET /api/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void answersANulInThePathWithAProblem() throws IOException {
        assertProblem(raw("GET /api/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void answersAnOversizedHeaderWithAProblem() throws IOException {
        assertProblem(raw("GET /api/hello HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void refusesToStartWithADevelopmentPasswordOutsideTheLocalProfile() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "parallelrun.security.metrics.password={noop}scrape")
                .run().close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("parallelrun.security.metrics.password")
                .hasMessageContaining("plain-text");
    }

    private static void assertProblem(String response) {
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"status\":400").contains("urn:parallelrun:problem:rejected-by-server");
        assertThat(response).doesNotContain("<html");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SecurityFilterChain api(HttpSecurity http, ServiceUsers users) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .authenticationManager(users.authenticationManager());
            return http.build();
        }

        @RestController
        static class Hello {
            @GetMapping("/api/hello")
            String hello() {
                return "hello";
            }
        }
    }
}
