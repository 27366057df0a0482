package dev.parallelrun.ingress.sampling.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which intents are in the sample, decided by the correlation id alone: its SHA-256 puts it in one of
 * 10,000 buckets, and a rate of {@code n} basis points takes buckets {@code 0..n-1}. So the same
 * correlation id is in or out the same way on every instance and every retry, and raising the rate only
 * adds intents (lowering it only removes some).
 */
public final class SampleSelection {

    static final int BUCKETS = SamplingRate.ALL;

    private SampleSelection() {
    }

    /** The bucket of a correlation id, {@code 0..9999}. */
    public static int bucket(String correlationId) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
        byte[] hash = sha256.digest(("urn:parallelrun:sampling:" + correlationId).getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(hash).getLong(), BUCKETS);
    }

    /** Whether the intent is in the sample at this rate (basis points). */
    public static boolean inSample(String correlationId, int basisPoints) {
        if (basisPoints >= BUCKETS) {
            return true;
        }
        return basisPoints > 0 && bucket(correlationId) < basisPoints;
    }
}
