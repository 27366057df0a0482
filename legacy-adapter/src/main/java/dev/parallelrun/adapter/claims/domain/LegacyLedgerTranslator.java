package dev.parallelrun.adapter.claims.domain;

import dev.parallelrun.adapter.shared.domain.LegacyAmounts;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.events.claims.PaymentDecided.Direction;
import dev.parallelrun.events.claims.PaymentDecided.LedgerEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Translates legacy ledger lines into canonical entries: numeric accounts to names, {@code D}/{@code C}
 * to debit/credit, string amounts to exact decimals, and the legacy order (payment lines first) into
 * the canonical one (by account, then direction).
 */
public final class LegacyLedgerTranslator {

    private static final Map<String, String> ACCOUNTS = Map.of(
            "1800", "claims-reserve",
            "2900", "outstanding-claims",
            "5100", "claims-expense",
            "2100", "claims-payable");

    private static final Comparator<LedgerEntry> CANONICAL_ORDER = Comparator.comparing(LedgerEntry::account)
            .thenComparing(entry -> entry.direction().name());

    public List<LedgerEntry> entries(List<LegacyClaimResponse.LedgerLine> lines) {
        return lines.stream().map(LegacyLedgerTranslator::entry).sorted(CANONICAL_ORDER).toList();
    }

    private static LedgerEntry entry(LegacyClaimResponse.LedgerLine line) {
        String account = ACCOUNTS.get(line.acct());
        if (account == null) {
            throw new UnreadableLegacyAnswerException("unknown ledger ACCT '" + line.acct() + "'");
        }
        return new LedgerEntry(account, direction(line.dc()), LegacyAmounts.parse("LEDGER.AMT", line.amt()));
    }

    private static Direction direction(String debitCredit) {
        if ("D".equals(debitCredit)) {
            return Direction.DEBIT;
        }
        if ("C".equals(debitCredit)) {
            return Direction.CREDIT;
        }
        throw new UnreadableLegacyAnswerException("unknown ledger DC '" + debitCredit + "'");
    }
}
