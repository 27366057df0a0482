package dev.parallelrun.adapter.claims.domain;

/**
 * The legacy platform's request ({@code POST /legacy/claims/process}). Components map one to one to
 * the upper-snake-case wire fields ({@code reqKey} is {@code REQ_KEY}); every value is a string.
 */
public record LegacyClaimRequest(
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
