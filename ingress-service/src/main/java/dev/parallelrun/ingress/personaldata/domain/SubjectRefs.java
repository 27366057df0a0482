package dev.parallelrun.ingress.personaldata.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a data subject's ref from the value that identifies the person (the field a schema marks
 * {@code "x-data-subject": true}, e.g. the e-mail address): {@code ds-} and the first 32 hex digits of
 * HMAC-SHA256(secret, normalised value). The same person always gets the same ref, so an operator who knows the
 * person can find the ref (through the lookup API) without the platform keeping a list of people; without the
 * secret the ref reveals nothing, and it cannot be turned back into the address by trying likely addresses.
 *
 * <p>Normalised: Unicode NFC, surrounding white space removed, lower case ({@code Erika@Example.org} and
 * {@code erika@example.org} are one subject).
 */
public final class SubjectRefs {

    /** Below this the HMAC key would be guessable; 32 bytes is what HMAC-SHA256 can use fully. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    /**
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes (UTF-8)
     */
    public SubjectRefs(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the subject ref secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, it has " + bytes.length);
        }
        this.secret = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The ref of the subject this value identifies. */
    public String refOf(String identity) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            byte[] digest = mac.doFinal(normalise(identity).getBytes(StandardCharsets.UTF_8));
            return "ds-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must support " + ALGORITHM, e);
        }
    }

    /**
     * A keyed hash of a personal value exactly as written (not normalised), for fingerprints that must tell two
     * bodies apart without holding what is in them: HMAC-SHA256 over a purpose label and the value, so it never
     * equals a subject ref.
     */
    public String keyedHash(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            mac.update("urn:parallelrun:ingress:fingerprint\u0000".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must support " + ALGORITHM, e);
        }
    }

    static String normalise(String identity) {
        return Normalizer.normalize(identity, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }
}
