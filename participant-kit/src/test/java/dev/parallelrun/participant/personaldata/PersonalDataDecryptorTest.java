package dev.parallelrun.participant.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.participant.DeadLetterReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PersonalDataDecryptorTest {

    private static final String ERIKA = "ds-0123456789abcdef0123456789abcdef";
    private static final String MAX = "ds-fedcba9876543210fedcba9876543210";
    private static final EventCodec CODEC = EventCodec.standard();

    /** The key service: a key per subject and generation; a destroyed one maps to null. */
    private final Map<String, byte[]> keys = new HashMap<>();
    private boolean keyServiceDown;
    private final SubjectKeys keyService = (subjectRef, generation) -> {
        if (keyServiceDown) {
            throw new KeyServiceUnavailableException("connection refused", null);
        }
        String id = subjectRef + ":" + generation;
        if (!keys.containsKey(id)) {
            throw new KeyServiceUnavailableException("404", null);
        }
        return Optional.ofNullable(keys.get(id));
    };
    private final PersonalDataDecryptor decryptor = new PersonalDataDecryptor(keyService);

    @Test
    void decryptsEveryEncryptedValueWhereverItSits() {
        byte[] key = key(ERIKA, 1);
        CloudEvent intent = intent("""
                {"claimId": "CLM-1", "claimant": {"name": "%s", "email": "%s"}, "drivers": ["%s"], "amount": 12.50}"""
                .formatted(encrypt(ERIKA, 1, key, "Erika Mustermann"), encrypt(ERIKA, 1, key, "erika@example.org"),
                        encrypt(ERIKA, 1, key, "Erika")));

        CloudEvent decrypted = decryptor.decrypt(intent);

        assertThat(decrypted.data()).isEqualTo(json("""
                {"claimId": "CLM-1", "claimant": {"name": "Erika Mustermann", "email": "erika@example.org"},
                 "drivers": ["Erika"], "amount": 12.50}"""));
        assertThat(decrypted.id()).isEqualTo(intent.id());
        assertThat(decrypted.correlationId()).isEqualTo(intent.correlationId());
        assertThat(intent.data().at("/claimant/name").stringValue()).as("the published intent is left alone")
                .startsWith(EncryptedValue.PREFIX);
    }

    @Test
    void readsAnErasedSubjectsValuesAsErased() {
        byte[] erika = key(ERIKA, 1);
        byte[] max = key(MAX, 1);
        CloudEvent intent = intent("""
                {"claimant": {"name": "%s"}, "witness": "%s"}""".formatted(encrypt(ERIKA, 1, erika, "Erika"),
                encrypt(MAX, 1, max, "Max")));
        keys.put(ERIKA + ":1", null);

        CloudEvent decrypted = decryptor.decrypt(intent);

        assertThat(decrypted.data()).isEqualTo(json("{\"claimant\": {\"name\": \"[erased]\"}, \"witness\": \"Max\"}"));
    }

    @Test
    void treatsAnUnavailableKeyServiceAsAnInfrastructureFailure() {
        CloudEvent intent = intent("{\"name\": \"%s\"}".formatted(encrypt(ERIKA, 1, key(ERIKA, 1), "Erika")));
        keyServiceDown = true;

        assertThatThrownBy(() -> decryptor.decrypt(intent))
                .isInstanceOf(KeyServiceUnavailableException.class)
                .satisfies(failure -> assertThat(DeadLetterReason.isInfrastructureFailure(failure)).isTrue());
    }

    @Test
    void makesARecordWithAnAlteredOrInvalidEncryptedValuePoison() {
        String wire = encrypt(ERIKA, 1, key(ERIKA, 1), "Erika");
        String altered = wire.substring(0, wire.length() - 2) + (wire.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> decryptor.decrypt(intent("{\"name\": \"%s\"}".formatted(altered))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("does not decrypt")
                .satisfies(failure -> assertThat(DeadLetterReason.isInfrastructureFailure(failure)).isFalse());
        assertThatThrownBy(() -> decryptor.decrypt(intent("{\"name\": \"pd:v1:nonsense\"}")))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void leavesAnIntentWithoutEncryptedValuesAndAParticipantThatDoesNotDecryptAlone() {
        CloudEvent plain = intent("{\"claimId\": \"CLM-1\"}");
        CloudEvent encrypted = intent("{\"name\": \"%s\"}".formatted(encrypt(ERIKA, 1, key(ERIKA, 1), "Erika")));

        assertThat(decryptor.decrypt(plain)).isSameAs(plain);
        assertThat(PersonalDataDecryptor.NONE.decrypt(encrypted)).isSameAs(encrypted);
    }

    private byte[] key(String subjectRef, int generation) {
        byte[] key = EncryptedValue.newKey();
        keys.put(subjectRef + ":" + generation, key);
        return key;
    }

    private static String encrypt(String subjectRef, int generation, byte[] key, String plaintext) {
        return EncryptedValue.encrypt(subjectRef, generation, key, plaintext).wire();
    }

    private static CloudEvent intent(String data) {
        return CloudEvent.intent("event-1", "claims.ClaimSubmitted.v1", "urn:parallelrun:test",
                Instant.parse("2026-11-02T09:15:31Z"), "correlation-1", "claims", json(data));
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
