package dev.parallelrun.adapter.claims.domain;

import java.util.List;

/**
 * The legacy platform's answer. Components map one to one to the upper-snake-case wire fields
 * ({@code fraudInd} is {@code FRAUD_IND}); amounts and the score are strings.
 */
public record LegacyClaimResponse(
        String claimNo,
        String status,
        String fraudInd,
        String riskScr,
        String rsnCd,
        String payAmt,
        String rsvAmt,
        String msg,
        List<LedgerLine> ledger) {

    public LegacyClaimResponse {
        ledger = ledger == null ? List.of() : List.copyOf(ledger);
    }

    /** One legacy ledger posting: numeric account, {@code D}/{@code C}, amount. */
    public record LedgerLine(String acct, String dc, String amt) {
    }
}
