package dev.parallelrun.participant.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server that answers as the ingress's key service does. */
class HttpSubjectKeysTest {

    private static final String ERIKA = "ds-0123456789abcdef0123456789abcdef";
    private static final byte[] KEY = new byte[32];

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsALiveKeyWithTheParticipantsCredential() throws IOException {
        KEY[0] = 42;
        start(200, "{\"subjectRef\": \"" + ERIKA + "\", \"generation\": 2, \"key\": \""
                + Base64.getEncoder().encodeToString(KEY) + "\"}");

        assertThat(keys().key(ERIKA, 2)).hasValueSatisfying(key -> assertThat(key).isEqualTo(KEY));
        assertThat(requests).containsExactly("/api/v1/data-subjects/" + ERIKA + "/key?generation=2 participant-key");
    }

    @Test
    void readsGoneAsErased() throws IOException {
        start(410, "{\"type\": \"urn:parallelrun:problem:data-subject-erased\"}");

        assertThat(keys().key(ERIKA, 1)).isEmpty();
    }

    @Test
    void takesAnyOtherAnswerOrNoneForAnUnavailableKeyService() throws IOException {
        for (int status : List.of(404, 403, 500, 503)) {
            start(status, "{}");
            assertThatThrownBy(() -> keys().key(ERIKA, 1)).as("status %d", status)
                    .isInstanceOf(KeyServiceUnavailableException.class);
            server.stop(0);
        }
        start(200, "{\"key\": \"not base64!\"}");
        assertThatThrownBy(() -> keys().key(ERIKA, 1)).isInstanceOf(KeyServiceUnavailableException.class);
        URI stopped = URI.create("http://localhost:" + server.getAddress().getPort());
        server.stop(0);
        server = null;
        assertThatThrownBy(() -> new HttpSubjectKeys(stopped, "participant-key", Duration.ofSeconds(2)).key(ERIKA, 1))
                .isInstanceOf(KeyServiceUnavailableException.class);
    }

    private HttpSubjectKeys keys() {
        return new HttpSubjectKeys(URI.create("http://localhost:" + server.getAddress().getPort()), "participant-key",
                Duration.ofSeconds(2));
    }

    private void start(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("X-Api-Key"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }
}
