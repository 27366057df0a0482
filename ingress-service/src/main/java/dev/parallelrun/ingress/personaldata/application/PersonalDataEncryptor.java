package dev.parallelrun.ingress.personaldata.application;

import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.ingress.intent.application.IntentDataProtection;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import dev.parallelrun.ingress.intent.application.IntentRejectedException;
import dev.parallelrun.ingress.intent.schema.IntentSchema;
import dev.parallelrun.ingress.intent.schema.Violation;
import dev.parallelrun.ingress.personaldata.domain.PersonalFields;
import dev.parallelrun.ingress.personaldata.domain.SubjectRefs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Encrypts every personal field of an intent ({@link IntentSchema#personalDataPaths()}) under the key of the
 * intent's data subject, whose ref is derived from the field marked {@code "x-data-subject": true}. The
 * subject's key is created on its first intent (and again after an erasure, as the next generation). An
 * encrypted value replaces the plaintext, still a JSON string: {@link EncryptedValue#wire()}.
 *
 * <p>Keys are not cached: every intent reads its subject's live key, so an erasure on one ingress instance
 * holds at once on every other, and no intent is published under a key that is already destroyed (except one
 * racing the erasure itself, which is then erased too).
 *
 * <p>No string of an intent may start with {@code pd:v1:}: a channel could otherwise pass off someone else's
 * encrypted value as its own data and have a participant decrypt it.
 */
public final class PersonalDataEncryptor implements IntentDataProtection {

    private final SubjectRefs refs;
    private final SubjectKeys keys;
    private final PersonalDataMetrics metrics;
    private final Clock clock;

    public PersonalDataEncryptor(SubjectRefs refs, SubjectKeys keys, PersonalDataMetrics metrics, Clock clock) {
        this.refs = refs;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public JsonNode protect(IntentSchema schema, JsonNode data) {
        List<Violation> reserved = new ArrayList<>();
        findReserved(data, "", reserved);
        if (!reserved.isEmpty()) {
            throw new IntentRejectedException(schema.type().name(), reserved);
        }
        Optional<String> subjectPath = schema.dataSubjectPath();
        if (subjectPath.isEmpty() || !PersonalFields.holdsAny(data, schema.personalDataPaths())) {
            return data;
        }
        Optional<String> identity = PersonalFields.text(data, subjectPath.get()).filter(text -> !text.isBlank());
        if (identity.isEmpty()) {
            throw new IntentRejectedException(schema.type().name(), List.of(new Violation(subjectPath.get(),
                    "is required: it identifies whose personal data the intent carries")));
        }
        String subjectRef = refs.refOf(identity.get());
        SubjectKey key;
        try {
            key = liveKey(subjectRef);
        } catch (RuntimeException e) {
            metrics.encryptionFailed();
            throw new IntentNotDurableException("the personal data could not be encrypted: the subject's key could "
                    + "not be read or stored", e);
        }
        byte[] secret = key.key();
        return PersonalFields.transform(data, schema.personalDataPaths(),
                plaintext -> EncryptedValue.encrypt(subjectRef, key.generation(), secret, plaintext).wire());
    }

    /** Each personal value replaced by its keyed hash ({@link SubjectRefs#keyedHash}). */
    @Override
    public JsonNode pseudonymise(IntentSchema schema, JsonNode data) {
        return PersonalFields.transform(data, schema.personalDataPaths(), value -> "hmac:" + refs.keyedHash(value));
    }

    private SubjectKey liveKey(String subjectRef) {
        Optional<SubjectKey> live = keys.live(subjectRef);
        if (live.isPresent()) {
            return live.get();
        }
        if (keys.insertIfNoLiveKey(subjectRef, EncryptedValue.newKey(), clock.instant())) {
            metrics.keyCreated();
        }
        // ours, or the one a concurrent intent stored first
        return keys.live(subjectRef).orElseThrow(() -> new IllegalStateException(
                "the key of " + subjectRef + " was destroyed while it was being created"));
    }

    private static void findReserved(JsonNode node, String pointer, List<Violation> violations) {
        if (node.isString() && EncryptedValue.isEncrypted(node.stringValue())) {
            violations.add(new Violation(pointer, "must not start with " + EncryptedValue.PREFIX
                    + ", which marks encrypted personal data"));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                findReserved(property.getValue(), pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1"),
                        violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findReserved(node.get(i), pointer + "/" + i, violations);
            }
        }
    }
}
