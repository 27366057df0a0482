package dev.parallelrun.legacysystem.claims.domain;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The legacy platform's misbehaviour, deterministic per claim number so that a demo or a test can
 * rely on it: a configured share of claim numbers always fail, {@code CLM-FAIL*} always fails,
 * {@code CLM-SLOW*} answers slowly.
 */
public final class LegacyQuirks {

    static final String ALWAYS_FAILING_PREFIX = "CLM-FAIL";
    static final String SLOW_PREFIX = "CLM-SLOW";

    private final double failureRate;

    public LegacyQuirks(double failureRate) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1: " + failureRate);
        }
        this.failureRate = failureRate;
    }

    /** Whether every call for this claim number fails with a system error. */
    public boolean failsFor(String claimNo) {
        if (claimNo == null) {
            return false;
        }
        if (claimNo.startsWith(ALWAYS_FAILING_PREFIX)) {
            return true;
        }
        return failureRate > 0 && bucket(claimNo) < failureRate;
    }

    /** Whether this claim number answers only after the slow delay. */
    public boolean isSlow(String claimNo) {
        return claimNo != null && claimNo.startsWith(SLOW_PREFIX);
    }

    /** A stable position of the claim number in [0, 1): the same on every JVM and every run. */
    static double bucket(String claimNo) {
        CRC32 crc = new CRC32();
        crc.update(claimNo.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32);
    }
}
