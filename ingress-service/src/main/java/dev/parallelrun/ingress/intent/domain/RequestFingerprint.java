package dev.parallelrun.ingress.intent.domain;

import dev.parallelrun.events.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * What an idempotent retry is compared by: the SHA-256 of the intent type and the canonical form of
 * the request body. Two bodies that differ only in whitespace, property order or the spelling of a
 * number ({@code 10.5} / {@code 10.50} / {@code 1.05e1}) are the same request; anything else is a
 * different one.
 *
 * <p>The canonical form is shared-events' {@link CanonicalJson}: object properties sorted by name (UTF-16 code unit
 * order, as RFC 8785 does), no insignificant whitespace, numbers in plain notation without trailing zeros, strings
 * escaped minimally.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The lower-case hex SHA-256 of {@code intentType} and the canonical body. */
    public static String of(String intentType, JsonNode body) {
        MessageDigest sha256 = sha256();
        sha256.update(intentType.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(canonical(body).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The canonical JSON text of a tree ({@link CanonicalJson}). */
    public static String canonical(JsonNode node) {
        return CanonicalJson.write(node);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
    }
}
