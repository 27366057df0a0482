package dev.parallelrun.legacysystem.claims.domain;

/**
 * A claim as the legacy platform receives it: every field a string, nothing validated yet.
 * Dates are {@code yyyyMMdd}, amounts carry exactly two decimals.
 */
public record LegacyClaimForm(
        String reqKey,
        String claimNo,
        String policyNo,
        String lob,
        String ctry,
        String amtClaimed,
        String ccy,
        String lossDt,
        String rptDt,
        String desc) {
}
