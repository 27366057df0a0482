package dev.parallelrun.reconciliation.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
 * Bearer tokens on the whole service, with a key pair made by the test: the public key as PEM in a temporary file
 * ({@code reconciliation.security.jwt.public-key-location}), the roles in a nested claim as Keycloak puts them
 * ({@code roles-claim: realm_access.roles}). A valid token is a person with its roles, named by {@code sub} in the
 * access log; an expired or foreign-signed token is 401, a token without roles 403; HTTP Basic keeps working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "reconciliation.security.jwt.roles-claim=realm_access.roles"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class JwtAuthenticationIT {

    private static final KeyPair KEYS = rsaKeyPair();
    private static final KeyPair FOREIGN_KEYS = rsaKeyPair();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "jwt_authentication");
        String stateDir = Files.createTempDirectory("jwt-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
        Path publicKey = Files.createTempFile("jwt-public-key", ".pem");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(publicKey, pem);
        registry.add("reconciliation.security.jwt.public-key-location", () -> publicKey.toUri().toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuditorsTokenReadsAndIsNamedBySubjectInTheAccessLog() throws Exception {
        String token = token(KEYS, "alice@example.org", List.of("auditor"), Instant.now().plusSeconds(300));

        assertThat(send("GET", "/api/v1/reconciliations", "Bearer " + token).statusCode()).isEqualTo(200);

        JsonNode entry = await().atMost(Duration.ofSeconds(10)).until(() -> EventCodec.standard().mapper().readTree(
                send("GET", "/api/v1/access-log?user=alice@example.org", basic("admin")).body()).get("items"),
                items -> items.size() == 1).get(0);
        assertThat(entry.get("path").asString()).isEqualTo("/api/v1/reconciliations");
        assertThat(entry.get("roles").toString()).isEqualTo("[\"AUDITOR\"]");
    }

    @Test
    void anAuditorsTokenCannotWrite() throws Exception {
        String token = token(KEYS, "alice@example.org", List.of("AUDITOR"), Instant.now().plusSeconds(300));

        assertThat(send("POST", "/api/v1/replays", "Bearer " + token).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/access-log", "Bearer " + token).statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminsTokenMayDoWhatAnAdminMay() throws Exception {
        String token = token(KEYS, "root@example.org", List.of("ROLE_ADMIN", "something-else"), Instant.now().plusSeconds(300));

        assertThat(send("GET", "/api/v1/access-log", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/replays", "Bearer " + token).statusCode()).as("past security, {} is no replay")
                .isEqualTo(422);
        HttpResponse<String> accepted = send("POST", "/api/v1/replays", "Bearer " + token, "{\"context\": \"claims\", "
                + "\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2020-01-01T00:01:00Z\", \"reason\": \"a quiet minute\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String replayId = EventCodec.standard().mapper().readTree(accepted.body()).get("replayId").asString();
        JsonNode run = EventCodec.standard().mapper().readTree(
                send("GET", "/api/v1/replays/" + replayId, "Bearer " + token).body());
        assertThat(run.get("requestedBy").asString()).as("the token's subject").isEqualTo("root@example.org");
    }

    @Test
    void anExpiredOrForeignSignedTokenIsUnauthorized() throws Exception {
        String expired = token(KEYS, "alice@example.org", List.of("AUDITOR"), Instant.now().minusSeconds(3600));
        String foreign = token(FOREIGN_KEYS, "mallory@example.org", List.of("ADMIN"), Instant.now().plusSeconds(300));

        for (String token : List.of(expired, foreign, "not-a-jwt")) {
            HttpResponse<String> response = send("GET", "/api/v1/reconciliations", "Bearer " + token);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void aTokenWithoutRolesIsKnownButAllowedNothing() throws Exception {
        String token = token(KEYS, "bob@example.org", null, Instant.now().plusSeconds(300));

        assertThat(send("GET", "/api/v1/reconciliations", "Bearer " + token).statusCode()).isEqualTo(403);
    }

    @Test
    void httpBasicKeepsWorkingAndNoCredentialsNamesBothWays() throws Exception {
        assertThat(send("GET", "/api/v1/reconciliations", basic("auditor")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/replays", basic("auditor")).statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = send("GET", "/api/v1/reconciliations", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"parallel-run\", Bearer");
    }

    private static String token(KeyPair keys, String subject, List<String> roles, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires));
        if (roles != null) {
            claims.claim("realm_access", Map.of("roles", roles));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        return send(method, path, authorization, "{}");
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
