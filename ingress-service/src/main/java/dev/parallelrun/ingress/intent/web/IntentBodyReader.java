package dev.parallelrun.ingress.intent.web;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.ingress.web.Problems;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into a JSON tree, refusing bodies over the limit whether their length was
 * declared up front or they arrive chunked: no more than the limit (plus one byte, to notice the
 * excess) is ever read. Numbers with a fraction become exact decimals, as in the event codec; a
 * property that appears twice in an object is refused, because its meaning would be ambiguous.
 */
final class IntentBodyReader {

    private final long maxBytes;
    private final JsonMapper mapper;

    IntentBodyReader(long maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("the body size limit must be between 1 byte and 2 GiB: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.mapper = EventCodec.standard().mapper().rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * @param declaredLength the Content-Length, or -1 when not declared (chunked)
     */
    JsonNode read(long declaredLength, InputStream body) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        byte[] bytes = body.readNBytes((int) maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new UnacceptableRequestException(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, "Malformed JSON",
                    "The body is not well-formed JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (NumberFormatException e) {
            // Jackson reports a number beyond its limits (1e99999999999) this way, not as a JacksonException
            throw new UnacceptableRequestException(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, "Malformed JSON",
                    "The body holds a number beyond the limits of JSON numbers here: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new UnacceptableRequestException(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON, "Malformed JSON",
                    "The body is empty; expected the intent's data as a JSON object.");
        }
        return tree;
    }

    private UnacceptableRequestException tooLarge() {
        return new UnacceptableRequestException(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                "Content Too Large", "The body must not be larger than " + maxBytes + " bytes.");
    }
}
