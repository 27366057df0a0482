package dev.parallelrun.legacysystem.claims.domain;

import java.util.List;

/**
 * What the legacy platform answers for one claim. Amounts are integer cents; a validation error
 * carries only the claim number, the status and the message.
 *
 * @param fraudIndicator {@code Y} suspected fraud, {@code R} review, {@code N} clear; blank on a validation error
 * @param reasonCode the single factor contributing most to the risk score ({@code R01}..{@code R04}); blank when clear
 * @param ledger payment lines first, then reserve lines, as the legacy platform lists them
 */
public record LegacyDecision(
        String claimNo,
        LegacyStatus status,
        String fraudIndicator,
        int riskScore,
        String reasonCode,
        long paymentCents,
        long reserveCents,
        String message,
        List<LegacyLedgerLine> ledger) {

    public LegacyDecision {
        ledger = List.copyOf(ledger);
    }

    /**
     * Whether deciding this claim for real posts it (books its ledger lines and sends the decision letter): every
     * decided claim, paid or not; a validation error posts nothing.
     */
    public boolean posts() {
        return status != LegacyStatus.VALIDATION_ERROR;
    }

    /** The answer to a request that fails validation: only the claim number, status {@code 09} and why. */
    public static LegacyDecision validationError(String claimNo, String message) {
        return new LegacyDecision(claimNo == null ? "" : claimNo, LegacyStatus.VALIDATION_ERROR, "", 0, "", 0, 0,
                message, List.of());
    }
}
