package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.util.Comparator;

/** One posting a payment decision makes in the ledger. */
public record LedgerEntry(String account, Direction direction, BigDecimal amount) {

    public static final String CLAIMS_RESERVE = "claims-reserve";
    public static final String OUTSTANDING_CLAIMS = "outstanding-claims";
    public static final String CLAIMS_EXPENSE = "claims-expense";
    public static final String CLAIMS_PAYABLE = "claims-payable";

    /** The canonical order: by account, then direction. */
    static final Comparator<LedgerEntry> CANONICAL_ORDER =
            Comparator.comparing(LedgerEntry::account).thenComparing(entry -> entry.direction().name());

    /** Debit or credit. */
    public enum Direction {
        DEBIT,
        CREDIT
    }
}
