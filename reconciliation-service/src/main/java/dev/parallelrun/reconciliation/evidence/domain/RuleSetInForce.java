package dev.parallelrun.reconciliation.evidence.domain;

import java.time.Instant;
import java.util.List;

/**
 * A rule set that was in force during a pack's period, with the accepted variances it declares: the differences an
 * auditor is asked to accept as not being defects.
 *
 * @param firstActivatedAt  when it was first put in force (immutable; later restarts do not change it)
 * @param acceptedVariances its accepted variances, by outcome type; {@code null} if the stored file could not be read
 * @param unreadable        why the variances could not be read; {@code null} if they could
 */
public record RuleSetInForce(String version, String context, String declaredVersion, String contentSha256,
        String source, Instant firstActivatedAt, List<Variance> acceptedVariances, String unreadable) {

    public RuleSetInForce {
        acceptedVariances = acceptedVariances == null ? null : List.copyOf(acceptedVariances);
    }

    /**
     * One accepted variance.
     *
     * @param expiresAt the first instant it no longer applies; {@code null}: no expiry
     */
    public record Variance(String id, String outcomeType, String reason, String reference, Instant expiresAt) {
    }
}
