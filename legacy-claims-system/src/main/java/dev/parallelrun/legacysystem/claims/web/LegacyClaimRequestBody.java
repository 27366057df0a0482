package dev.parallelrun.legacysystem.claims.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parallelrun.legacysystem.claims.domain.LegacyClaimForm;

/**
 * The legacy request body: upper-case field names, every value a string. {@code MODE} ({@code POST} or
 * {@code SIMULATE}, absent for callers older than it: {@code POST}) says whether the transaction runs for real.
 */
record LegacyClaimRequestBody(
        @JsonProperty("REQ_KEY") String reqKey,
        @JsonProperty("CLAIM_NO") String claimNo,
        @JsonProperty("POLICY_NO") String policyNo,
        @JsonProperty("LOB") String lob,
        @JsonProperty("CTRY") String ctry,
        @JsonProperty("AMT_CLAIMED") String amtClaimed,
        @JsonProperty("CCY") String ccy,
        @JsonProperty("LOSS_DT") String lossDt,
        @JsonProperty("RPT_DT") String rptDt,
        @JsonProperty("DESC") String desc,
        @JsonProperty("MODE") String mode) {

    LegacyClaimForm toForm() {
        return new LegacyClaimForm(reqKey, claimNo, policyNo, lob, ctry, amtClaimed, ccy, lossDt, rptDt, desc);
    }
}
