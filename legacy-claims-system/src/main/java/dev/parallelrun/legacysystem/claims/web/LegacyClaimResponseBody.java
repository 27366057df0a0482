package dev.parallelrun.legacysystem.claims.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.parallelrun.legacysystem.claims.domain.LegacyAmounts;
import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;
import dev.parallelrun.legacysystem.claims.domain.LegacyLedgerLine;
import java.util.List;

/** The legacy response body: upper-case field names, amounts and the score as strings. */
@JsonPropertyOrder({"CLAIM_NO", "STATUS", "FRAUD_IND", "RISK_SCR", "RSN_CD", "PAY_AMT", "RSV_AMT", "MSG", "LEDGER"})
record LegacyClaimResponseBody(
        @JsonProperty("CLAIM_NO") String claimNo,
        @JsonProperty("STATUS") String status,
        @JsonProperty("FRAUD_IND") String fraudInd,
        @JsonProperty("RISK_SCR") String riskScr,
        @JsonProperty("RSN_CD") String rsnCd,
        @JsonProperty("PAY_AMT") String payAmt,
        @JsonProperty("RSV_AMT") String rsvAmt,
        @JsonProperty("MSG") String msg,
        @JsonProperty("LEDGER") List<Line> ledger) {

    @JsonPropertyOrder({"ACCT", "DC", "AMT"})
    record Line(@JsonProperty("ACCT") String acct, @JsonProperty("DC") String dc, @JsonProperty("AMT") String amt) {

        static Line of(LegacyLedgerLine line) {
            return new Line(line.account(), String.valueOf(line.debitCredit()), LegacyAmounts.format(line.amountCents()));
        }
    }

    static LegacyClaimResponseBody of(LegacyDecision decision) {
        return new LegacyClaimResponseBody(decision.claimNo(), decision.status().code(), decision.fraudIndicator(),
                String.valueOf(decision.riskScore()), decision.reasonCode(), LegacyAmounts.format(decision.paymentCents()),
                LegacyAmounts.format(decision.reserveCents()), decision.message(),
                decision.ledger().stream().map(Line::of).toList());
    }
}
