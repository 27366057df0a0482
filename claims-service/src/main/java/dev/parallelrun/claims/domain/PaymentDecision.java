package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Whether and how much to pay, and what to reserve.
 *
 * @param payment       scale 2; zero unless approved
 * @param reserve       scale 2, whatever the outcome
 * @param ledgerEntries in canonical order (account, then direction)
 */
public record PaymentDecision(PaymentOutcome outcome, BigDecimal payment, BigDecimal reserve,
        List<LedgerEntry> ledgerEntries) {

    public PaymentDecision {
        ledgerEntries = List.copyOf(ledgerEntries);
    }
}
