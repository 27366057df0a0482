package dev.parallelrun.participant.personaldata;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.personal.EncryptedValue;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands the handler an intent with its personal fields in plaintext: every string of the data that is an encrypted
 * value ({@code pd:v1:...}), wherever it sits, is replaced by its plaintext, decrypted with the subject's key from the
 * {@link SubjectKeys}. A value whose key is destroyed becomes {@value #ERASED}, and the handler still runs: a
 * decision must never depend on a person's name or address. The key service being unavailable is an infrastructure
 * failure ({@link KeyServiceUnavailableException}, retried); a value that is not a valid encrypted value, or does not
 * verify with its key (altered), makes the record poison ({@link MalformedEventException}, dead-lettered; the dead
 * letter holds only ciphertext).
 *
 * <p>The decrypted intent lives only in memory, for the handler: the kit stores outcomes and side effects, never the
 * intent, and the handlers must not copy personal data into either.
 */
public final class PersonalDataDecryptor {

    /** What an erased subject's personal values read as. */
    public static final String ERASED = "[erased]";

    /** Leaves intents as published: for a participant that does not decrypt (no key service configured). */
    public static final PersonalDataDecryptor NONE = new PersonalDataDecryptor(null);

    private final SubjectKeys keys;

    public PersonalDataDecryptor(SubjectKeys keys) {
        this.keys = keys;
    }

    /** The intent with every encrypted value of its data replaced by its plaintext (or {@value #ERASED}). */
    public CloudEvent decrypt(CloudEvent intent) {
        if (keys == null || intent.data() == null || !containsEncrypted(intent.data())) {
            return intent;
        }
        JsonNode data = decrypted(intent.data());
        return new CloudEvent(intent.specVersion(), intent.id(), intent.type(), intent.source(), intent.time(),
                intent.dataContentType(), intent.correlationId(), intent.causationId(), intent.boundedContext(),
                intent.side(), intent.outcomeType(), intent.outcomeStatus(), intent.replay(), intent.replayId(), intent.replayKind(),
                intent.authority(), intent.authorityDecision(), intent.sampled(), intent.fallback(), data);
    }

    private JsonNode decrypted(JsonNode node) {
        if (node.isString()) {
            return EncryptedValue.isEncrypted(node.stringValue())
                    ? JsonNodeFactory.instance.stringNode(plaintext(node.stringValue()))
                    : node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                copy.set(property.getKey(), decrypted(property.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.values().forEach(element -> copy.add(decrypted(element)));
            return copy;
        }
        return node;
    }

    private String plaintext(String wire) {
        EncryptedValue value;
        try {
            value = EncryptedValue.parse(wire).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("a personal field is not a valid encrypted value: " + e.getMessage());
        }
        Optional<byte[]> key = keys.key(value.subjectRef(), value.generation());
        if (key.isEmpty()) {
            return ERASED;
        }
        try {
            return value.decrypt(key.get());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("a personal field of " + value.subjectRef() + " does not decrypt: "
                    + e.getMessage());
        }
    }

    private static boolean containsEncrypted(JsonNode node) {
        if (node.isString()) {
            return EncryptedValue.isEncrypted(node.stringValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (containsEncrypted(property.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node.values()) {
                if (containsEncrypted(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
