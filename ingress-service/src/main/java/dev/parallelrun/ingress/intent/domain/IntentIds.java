package dev.parallelrun.ingress.intent.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * Event and correlation ids for an intent.
 *
 * <p>Without an idempotency key every request is new: random UUIDs. With a key, the ids are derived
 * from (channel, idempotency key, request fingerprint), so a retry of a request that was published
 * but answered with 503 (Kafka acknowledged after the ingress gave up waiting, or the database commit
 * failed after the acknowledgement) publishes an event with the same id, which consumers de-duplicate.
 * The fingerprint is part of the name so that a key reused for a different body after its idempotency
 * record expired does not collide with the earlier event.
 *
 * <p>Derived ids are name-based UUIDs in the layout of RFC 9562 version 8 (custom), from SHA-256.
 */
public final class IntentIds {

    private static final String EVENT = "event";
    private static final String CORRELATION = "correlation";
    private static final String EVENT_OF_CORRELATION = "event-of-correlation";

    private IntentIds() {
    }

    /** A fresh id for a request without an idempotency key. */
    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** The event id of an idempotent request. */
    public static String eventId(String channel, String idempotencyKey, String fingerprint) {
        return derive(EVENT, channel, idempotencyKey, fingerprint).toString();
    }

    /**
     * The event id of a request without an idempotency key that carries the channel's correlation id: the
     * same (channel, correlation id, body) is the same intent, so a retry after a 503 publishes the same id.
     */
    public static String eventIdOfCorrelation(String channel, String correlationId, String fingerprint) {
        return derive(EVENT_OF_CORRELATION, channel, correlationId, fingerprint).toString();
    }

    /** The correlation id of an idempotent request whose channel did not send one. */
    public static String correlationId(String channel, String idempotencyKey, String fingerprint) {
        return derive(CORRELATION, channel, idempotencyKey, fingerprint).toString();
    }

    private static UUID derive(String purpose, String... parts) {
        MessageDigest sha256 = RequestFingerprint.sha256();
        sha256.update(("urn:parallelrun:ingress:" + purpose).getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // length-prefixed, so ("a", "bc") and ("ab", "c") differ
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        byte[] hash = sha256.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
