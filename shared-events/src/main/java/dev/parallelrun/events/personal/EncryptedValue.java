package dev.parallelrun.events.personal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One personal value encrypted with AES-256-GCM under its data subject's key, in the self-describing text
 * form that replaces the plaintext in an intent's {@code data} (the field stays a JSON string):
 *
 * <pre>pd:v1:&lt;subjectRef&gt;:&lt;generation&gt;:&lt;base64url(iv || ciphertext || tag)&gt;</pre>
 *
 * <ul>
 *   <li>{@code subjectRef}: the data subject, {@code ds-} and 32 lower-case hex digits;</li>
 *   <li>{@code generation}: which of the subject's keys (1, 2, ...): a subject whose key was destroyed gets a
 *       new key, of the next generation, on its next intent, and values under the destroyed key stay unreadable;</li>
 *   <li>a random 96-bit IV per value, a 128-bit tag; the associated data is the prefix
 *       {@code pd:v1:<subjectRef>:<generation>}, so a value moved under another subject or generation fails to
 *       decrypt instead of decrypting with the wrong key.</li>
 * </ul>
 *
 * @param subjectRef the data subject whose key encrypted the value
 * @param generation the generation of that key, from 1
 * @param sealed     {@code iv || ciphertext || tag}
 */
public record EncryptedValue(String subjectRef, int generation, byte[] sealed) {

    /** Every encrypted value starts with it; a string that does not is plaintext. */
    public static final String PREFIX = "pd:v1:";
    /** AES-256: keys are 32 bytes. */
    public static final int KEY_BYTES = 32;

    private static final Pattern SUBJECT_REF = Pattern.compile("ds-[0-9a-f]{32}");
    private static final Pattern WIRE = Pattern.compile(
            "pd:v1:(ds-[0-9a-f]{32}):([1-9][0-9]{0,8}):([A-Za-z0-9_-]+)");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    public EncryptedValue {
        if (!isSubjectRef(subjectRef)) {
            throw new IllegalArgumentException("not a subject ref (ds- and 32 hex digits): " + subjectRef);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("a key generation starts at 1, not " + generation);
        }
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short to hold an IV and a tag");
        }
        sealed = sealed.clone();
    }

    /** Whether the text is a subject ref: {@code ds-} and 32 lower-case hex digits. */
    public static boolean isSubjectRef(String text) {
        return text != null && SUBJECT_REF.matcher(text).matches();
    }

    /** A new random AES-256 key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Encrypts a value with a fresh random IV. */
    public static EncryptedValue encrypt(String subjectRef, int generation, byte[] key, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            cipher.updateAAD(associatedData(subjectRef, generation));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new EncryptedValue(subjectRef, generation,
                    ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available or the key is unusable", e);
        }
    }

    /**
     * The plaintext.
     *
     * @throws IllegalArgumentException when the key is not the one that encrypted the value, or the value was
     *                                  altered (the GCM tag does not verify)
     */
    public String decrypt(byte[] key) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, IV_BYTES));
            cipher.updateAAD(associatedData(subjectRef, generation));
            byte[] plaintext = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the value of " + subjectRef + " (key generation " + generation
                    + ") does not verify: wrong key or altered value", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the decrypted value is not UTF-8", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot decrypt the value of " + subjectRef + ": " + e.getMessage(), e);
        }
    }

    /** The encrypted value in a string, if the string is one; empty for plaintext. */
    public static Optional<EncryptedValue> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher matcher = WIRE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("starts with " + PREFIX + " but is not an encrypted value");
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(matcher.group(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the ciphertext of an encrypted value is not base64url", e);
        }
        return Optional.of(new EncryptedValue(matcher.group(1), Integer.parseInt(matcher.group(2)), sealed));
    }

    /** Whether the string is (or claims to be) an encrypted value. */
    public static boolean isEncrypted(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The text form, {@code pd:v1:<subjectRef>:<generation>:<base64url>}. */
    public String wire() {
        return PREFIX + subjectRef + ":" + generation + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedValue that && subjectRef.equals(that.subjectRef)
                && generation == that.generation && Arrays.equals(sealed, that.sealed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subjectRef, generation, Arrays.hashCode(sealed));
    }

    @Override
    public String toString() {
        return wire();
    }

    private static byte[] associatedData(String subjectRef, int generation) {
        return (PREFIX + subjectRef + ":" + generation).getBytes(StandardCharsets.US_ASCII);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        if (key == null || key.length != KEY_BYTES) {
            throw new java.security.InvalidKeyException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
