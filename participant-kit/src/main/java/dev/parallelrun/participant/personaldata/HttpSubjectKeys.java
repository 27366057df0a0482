package dev.parallelrun.participant.personaldata;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads keys from the ingress: {@code GET <key-service-url>/api/v1/data-subjects/{subjectRef}/key?generation=n} with
 * the participant's {@code X-Api-Key}; 200 is the key, 410 means erased. Anything else (404 included: a key the
 * ingress does not know means this participant talks to the wrong ingress, or its database lost keys) is
 * {@link KeyServiceUnavailableException}: nothing is decided on a guess.
 */
public final class HttpSubjectKeys implements SubjectKeys {

    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    public HttpSubjectKeys(URI baseUrl, String apiKey, Duration timeout) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<byte[]> key(String subjectRef, int generation) {
        URI uri = baseUrl.resolve("/api/v1/data-subjects/" + subjectRef + "/key?generation=" + generation);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header(Headers.API_KEY, apiKey)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new KeyServiceUnavailableException("the key service at " + baseUrl + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyServiceUnavailableException("interrupted while asking the key service", e);
        }
        if (response.statusCode() == 410) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new KeyServiceUnavailableException("the key service answered " + response.statusCode() + " for "
                    + subjectRef + " generation " + generation, null);
        }
        try {
            JsonNode body = EventCodec.standard().mapper().readTree(response.body());
            byte[] key = Base64.getDecoder().decode(body.path("key").asString(""));
            if (key.length != 32) {
                throw new IllegalArgumentException("not an AES-256 key");
            }
            return Optional.of(key);
        } catch (RuntimeException e) {
            throw new KeyServiceUnavailableException("the key service's answer for " + subjectRef + " is no key", e);
        }
    }
}
