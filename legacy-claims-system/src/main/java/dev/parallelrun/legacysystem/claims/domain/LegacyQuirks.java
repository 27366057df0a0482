package dev.parallelrun.legacysystem.claims.domain;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The legacy platform's misbehaviour, deterministic per business number (a claim number, a quote number) so that a
 * demo or a test can rely on it: a configured share of numbers always fail, {@code CLM-FAIL*} and {@code QTE-FAIL*}
 * always fail, {@code CLM-SLOW*} and {@code QTE-SLOW*} answer slowly. Every transaction of the platform shares these
 * knobs, as the old platform's transaction monitor did.
 */
public final class LegacyQuirks {

    static final String ALWAYS_FAILING_PREFIX = "CLM-FAIL";
    static final String SLOW_PREFIX = "CLM-SLOW";
    static final String ALWAYS_FAILING_QUOTE_PREFIX = "QTE-FAIL";
    static final String SLOW_QUOTE_PREFIX = "QTE-SLOW";

    private final double failureRate;

    public LegacyQuirks(double failureRate) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1: " + failureRate);
        }
        this.failureRate = failureRate;
    }

    /** Whether every call for this claim or quote number fails with a system error. */
    public boolean failsFor(String number) {
        if (number == null) {
            return false;
        }
        if (number.startsWith(ALWAYS_FAILING_PREFIX) || number.startsWith(ALWAYS_FAILING_QUOTE_PREFIX)) {
            return true;
        }
        return failureRate > 0 && bucket(number) < failureRate;
    }

    /** Whether this claim or quote number answers only after the slow delay. */
    public boolean isSlow(String number) {
        return number != null && (number.startsWith(SLOW_PREFIX) || number.startsWith(SLOW_QUOTE_PREFIX));
    }

    /** A stable position of the number in [0, 1): the same on every JVM and every run. */
    static double bucket(String number) {
        CRC32 crc = new CRC32();
        crc.update(number.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32);
    }
}
