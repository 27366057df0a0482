package dev.parallelrun.reconciliation.evidence.domain;

import dev.parallelrun.events.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digest of an evidence pack: SHA-256, lowercase hex, of the UTF-8 bytes of the {@link CanonicalJson canonical
 * JSON} of the pack without its top-level members {@value #DIGEST}, {@value #GENERATED_AT} and {@value #SIGN_OFFS}.
 * Those three are left out because they are about the pack, not its evidence: the digest cannot contain itself, the
 * time of generation would make every pack unique, and a sign-off of a pack must not change the pack it signs. So a
 * pack of a closed period whose data did not change has the same digest whenever and wherever it is generated.
 */
public final class EvidenceDigest {

    /** The pack's member that holds the digest. */
    public static final String DIGEST = "digest";
    /** The pack's member that says when it was generated. */
    public static final String GENERATED_AT = "generatedAt";
    /** The pack's member that lists who signed packs of its context. */
    public static final String SIGN_OFFS = "signOffs";
    /** The members the digest does not cover. */
    public static final Set<String> NOT_DIGESTED = Set.of(DIGEST, GENERATED_AT, SIGN_OFFS);

    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-fA-F]{64}");

    private EvidenceDigest() {
    }

    /** The digest of a pack (its members in {@link #NOT_DIGESTED} are ignored, whether present or not). */
    public static String of(ObjectNode pack) {
        ObjectNode digested = pack.deepCopy();
        NOT_DIGESTED.forEach(digested::remove);
        return sha256(CanonicalJson.write(digested));
    }

    /** SHA-256 of a JSON value's canonical form, lowercase hex. */
    public static String sha256(JsonNode value) {
        return sha256(CanonicalJson.write(value));
    }

    /** Whether the text is a SHA-256 in hex (64 hex digits, either case). */
    public static boolean isWellFormed(String digest) {
        return digest != null && WELL_FORMED.matcher(digest).matches();
    }

    private static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
