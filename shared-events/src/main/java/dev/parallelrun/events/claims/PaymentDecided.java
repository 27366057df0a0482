package dev.parallelrun.events.claims;

import java.math.BigDecimal;
import java.util.List;

/** Outcome: a side decided whether and how much to pay, and what to reserve. */
public record PaymentDecided(
        String claimId,
        Decision decision,
        BigDecimal paymentAmount,
        BigDecimal reserveAmount,
        String currency,
        List<LedgerEntry> ledgerEntries) {

    public PaymentDecided {
        ledgerEntries = ledgerEntries == null ? List.of() : List.copyOf(ledgerEntries);
    }

    /** The canonical payment decisions. */
    public enum Decision {
        APPROVED,
        DECLINED,
        REFERRED
    }

    /** One posting the decision makes in the ledger. */
    public record LedgerEntry(String account, Direction direction, BigDecimal amount) {
    }

    /** Debit or credit. */
    public enum Direction {
        DEBIT,
        CREDIT
    }
}
