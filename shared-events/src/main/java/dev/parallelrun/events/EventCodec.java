package dev.parallelrun.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde for CloudEvents and their {@code data}. Numbers with a fraction are read as exact
 * decimals, never binary floating point: amounts must survive the trip unchanged.
 *
 * <p>Thread-safe; share one instance.
 */
public final class EventCodec {

    private static final EventCodec DEFAULT = new EventCodec();
    /** Jackson's limit on the scale of a decimal written in plain notation. */
    private static final int MAX_PLAIN_SCALE = 9999;

    private final JsonMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** The shared default instance. */
    public static EventCodec standard() {
        return DEFAULT;
    }

    /** The mapper behind this codec, configured for exact decimals. */
    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] write(CloudEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    public String writeAsString(CloudEvent event) {
        return mapper.writeValueAsString(event);
    }

    /**
     * Reads and validates an event.
     *
     * @throws MalformedEventException when the bytes are not JSON or the envelope lacks a required attribute
     */
    public CloudEvent read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty message: expected a CloudEvents JSON object");
        }
        CloudEvent event;
        try {
            if (startsAnObject(bytes)) {
                event = mapper.readValue(bytes, CloudEvent.class); // one pass: no tree of the whole envelope first
            } else {
                JsonNode tree = mapper.readTree(bytes);
                if (tree == null || !tree.isObject()) {
                    throw new MalformedEventException("not a JSON object: expected a CloudEvents JSON object");
                }
                event = mapper.treeToValue(tree, CloudEvent.class);
            }
        } catch (JacksonException e) {
            throw new MalformedEventException("not a valid CloudEvents JSON object: " + e.getOriginalMessage(), e);
        } catch (NumberFormatException e) {
            // Jackson reports a number beyond its limits (1e99999999999) this way, not as a JacksonException
            throw new MalformedEventException("not a valid CloudEvents JSON object: " + e.getMessage(), e);
        }
        validate(event);
        return event;
    }

    /** Whether the first byte that is not JSON whitespace opens an object (anything else takes the tree path). */
    private static boolean startsAnObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /** Converts an event's data (or any JSON) into a typed value. */
    public <T> T data(JsonNode data, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JacksonException e) {
            throw new MalformedEventException("data is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (NumberFormatException e) {
            throw new MalformedEventException("data is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Converts a typed value into JSON, for an event's data. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private static void validate(CloudEvent event) {
        List<String> problems = new ArrayList<>();
        if (!CloudEvent.SPEC_VERSION_1_0.equals(event.specVersion())) {
            problems.add("specversion must be \"1.0\" but was " + quoted(event.specVersion()));
        }
        requireText(problems, Attributes.ID, event.id());
        requireText(problems, Attributes.TYPE, event.type());
        requireText(problems, Attributes.SOURCE, event.source());
        requireText(problems, Attributes.CORRELATION_ID, event.correlationId());
        if (event.time() == null) {
            problems.add("time is required");
        }
        if (event.data() == null || event.data().isNull()) {
            problems.add("data is required");
        } else {
            unwritableNumber(event.data(), "").ifPresent(pointer -> problems.add("data" + pointer
                    + " is a number with more than " + MAX_PLAIN_SCALE + " digits of scale, which cannot be written back"));
        }
        if (event.dataContentType() != null && !CloudEvent.JSON.equals(event.dataContentType())) {
            problems.add("datacontenttype must be application/json but was " + quoted(event.dataContentType()));
        }
        if (event.side() != null) {
            try {
                Side.fromWire(event.side());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            requireText(problems, Attributes.OUTCOME_TYPE, event.outcomeType());
            try {
                OutcomeStatus.fromWire(event.outcomeStatus());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException("invalid CloudEvent: " + String.join("; ", problems));
        }
    }

    /**
     * The pointer of the first number in {@code node} that this codec could not write again: Jackson refuses
     * to write a plain decimal ({@code 1e10000}) whose scale is beyond +-9999, and every consumer re-publishes
     * or stores what it read.
     */
    private static Optional<String> unwritableNumber(JsonNode node, String pointer) {
        if (node.isBigDecimal()) {
            int scale = node.decimalValue().scale();
            return scale > MAX_PLAIN_SCALE || scale < -MAX_PLAIN_SCALE ? Optional.of(pointer) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = unwritableNumber(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                Optional<String> found = unwritableNumber(property.getValue(),
                        pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1"));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static void requireText(List<String> problems, String attribute, String value) {
        if (value == null || value.isBlank()) {
            problems.add(attribute + " is required");
        }
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }
}
