package dev.parallelrun.reconciliation.evidence.domain;

import java.time.Instant;

/**
 * One person's signature on the evidence pack of a context and period.
 *
 * @param digest the digest of the pack signed, lowercase hex
 * @param from   the start of the pack's period (inclusive)
 * @param to     the end of the pack's period (exclusive)
 */
public record SignOff(String signOffId, String context, String digest, String note, Instant from, Instant to,
        String signedBy, Instant signedAt) {
}
