package dev.parallelrun.legacysystem.claims.domain;

/** One posting in the legacy ledger: a numeric account, {@code D} or {@code C}, and an amount in cents. */
public record LegacyLedgerLine(String account, char debitCredit, long amountCents) {

    public static final String CLAIMS_RESERVE = "1800";
    public static final String OUTSTANDING_CLAIMS = "2900";
    public static final String CLAIMS_EXPENSE = "5100";
    public static final String CLAIMS_PAYABLE = "2100";

    static LegacyLedgerLine debit(String account, long amountCents) {
        return new LegacyLedgerLine(account, 'D', amountCents);
    }

    static LegacyLedgerLine credit(String account, long amountCents) {
        return new LegacyLedgerLine(account, 'C', amountCents);
    }
}
