package dev.parallelrun.events.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptedValueTest {

    private static final String SUBJECT = "ds-0123456789abcdef0123456789abcdef";
    private static final String OTHER_SUBJECT = "ds-fedcba9876543210fedcba9876543210";

    private final byte[] key = EncryptedValue.newKey();

    @Test
    void decryptsWhatItEncryptedThroughTheWireForm() {
        EncryptedValue encrypted = EncryptedValue.encrypt(SUBJECT, 1, key, "Erika Müller");

        String wire = encrypted.wire();

        assertThat(wire).startsWith("pd:v1:" + SUBJECT + ":1:").doesNotContain("Erika");
        assertThat(EncryptedValue.parse(wire)).hasValue(encrypted);
        assertThat(EncryptedValue.parse(wire).orElseThrow().decrypt(key)).isEqualTo("Erika Müller");
    }

    @Test
    void encryptsTheSameValueDifferentlyEachTime() {
        String first = EncryptedValue.encrypt(SUBJECT, 1, key, "erika@example.org").wire();
        String second = EncryptedValue.encrypt(SUBJECT, 1, key, "erika@example.org").wire();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesToDecryptWithAnotherKey() {
        EncryptedValue encrypted = EncryptedValue.encrypt(SUBJECT, 1, key, "erika@example.org");

        assertThatThrownBy(() -> encrypted.decrypt(EncryptedValue.newKey()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void detectsAnAlteredCiphertext() {
        String wire = EncryptedValue.encrypt(SUBJECT, 1, key, "erika@example.org").wire();
        String payload = wire.substring(wire.lastIndexOf(':') + 1);
        byte[] sealed = Base64.getUrlDecoder().decode(payload);
        sealed[sealed.length / 2] ^= 0x01;
        String altered = wire.substring(0, wire.lastIndexOf(':') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

        assertThatThrownBy(() -> EncryptedValue.parse(altered).orElseThrow().decrypt(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void detectsAValueMovedUnderAnotherSubjectOrGeneration() {
        String wire = EncryptedValue.encrypt(SUBJECT, 1, key, "erika@example.org").wire();

        EncryptedValue otherSubject = EncryptedValue.parse(wire.replace(SUBJECT, OTHER_SUBJECT)).orElseThrow();
        EncryptedValue otherGeneration = EncryptedValue.parse(wire.replace(SUBJECT + ":1:", SUBJECT + ":2:"))
                .orElseThrow();

        assertThatThrownBy(() -> otherSubject.decrypt(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> otherGeneration.decrypt(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesAStringWithoutThePrefixForPlaintext() {
        assertThat(EncryptedValue.parse("Erika Müller")).isEmpty();
        assertThat(EncryptedValue.isEncrypted("Erika Müller")).isFalse();
    }

    @Test
    void refusesAStringWithThePrefixThatIsNoEncryptedValue() {
        assertThatThrownBy(() -> EncryptedValue.parse("pd:v1:somebody"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncryptedValue.parse("pd:v1:" + SUBJECT + ":1:AAAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void refusesAKeyThatIsNotAes256() {
        assertThatThrownBy(() -> EncryptedValue.encrypt(SUBJECT, 1, new byte[16], "x"))
                .isInstanceOf(IllegalStateException.class);
    }
}
