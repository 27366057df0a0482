package dev.parallelrun.ingress.intent.web;

import dev.parallelrun.events.Headers;
import dev.parallelrun.ingress.channel.domain.Channel;
import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.ingress.intent.application.AcceptedIntent;
import dev.parallelrun.ingress.intent.application.IntentIntake;
import dev.parallelrun.ingress.intent.application.IntentRequest;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/intents/{intentType}}: the body is the intent's {@code data}. Answers 202 with the
 * ids once the intent is durable on Kafka. {@code GET /api/v1/intents/{intentType}/schema}: its JSON Schema.
 */
@RestController
class IntentController {

    /** Set on a 202 that answers a retry of an earlier request with the same idempotency key. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The media type of a JSON Schema document. */
    static final String SCHEMA_JSON = "application/schema+json";

    static final int MAX_CORRELATION_ID_LENGTH = 128;
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final IntentIntake intake;
    private final IntentCatalog catalog;
    private final IntentBodyReader bodyReader;

    IntentController(IntentIntake intake, IntentCatalog catalog, IngressProperties properties) {
        this.intake = intake;
        this.catalog = catalog;
        this.bodyReader = new IntentBodyReader(properties.request().maxBodySize().toBytes());
    }

    /** The 202 body. */
    record Accepted(String correlationId, String eventId, String type) {
    }

    @PostMapping(path = "/api/v1/intents/{intentType}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    ResponseEntity<Accepted> post(@PathVariable String intentType, @AuthenticationPrincipal Channel channel,
            @RequestHeader(name = Headers.CORRELATION_ID, required = false) String correlationId,
            @RequestHeader(name = Headers.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) throws IOException {
        catalog.get(intentType); // an unknown type is 404 whatever the body
        requireToken(Headers.CORRELATION_ID, correlationId, MAX_CORRELATION_ID_LENGTH);
        requireToken(Headers.IDEMPOTENCY_KEY, idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH);
        var body = bodyReader.read(request.getContentLengthLong(), request.getInputStream());

        AcceptedIntent accepted = intake.accept(
                new IntentRequest(channel, intentType, body, correlationId, idempotencyKey));

        var response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .header(Headers.CORRELATION_ID, accepted.correlationId());
        if (accepted.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(new Accepted(accepted.correlationId(), accepted.eventId(), accepted.type()));
    }

    /**
     * {@code GET /api/v1/intents/{intentType}/schema}: the JSON Schema the body of that intent type is checked
     * against, as written in the schema folder, for any authenticated channel (schemas are contract, not secret).
     */
    @GetMapping(path = "/api/v1/intents/{intentType}/schema", produces = SCHEMA_JSON)
    ResponseEntity<JsonNode> schema(@PathVariable String intentType) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(SCHEMA_JSON))
                .body(catalog.get(intentType).schema().document());
    }

    /** Present headers must be 1..max visible ASCII characters (no spaces, no control characters). */
    private static void requireToken(String header, String value, int maxLength) {
        if (value == null) {
            return;
        }
        boolean visibleAscii = value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (value.isEmpty() || value.length() > maxLength || !visibleAscii) {
            throw new UnacceptableRequestException(HttpStatus.BAD_REQUEST, Problems.INVALID_HEADER,
                    "Invalid header", "The " + header + " header must be 1 to " + maxLength
                            + " visible ASCII characters (no spaces or control characters).");
        }
    }
}
