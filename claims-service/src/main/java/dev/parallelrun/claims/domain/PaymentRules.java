package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The payment decision of the new service. */
public final class PaymentRules {

    /**
     * The new service rounds half-even (banker's rounding); the legacy system rounds half-up. They differ
     * only on an exact half after the second place with an even second digit (976.185: 976.18 here).
     */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    static final int SCALE = 2;
    static final BigDecimal RESERVE_FACTOR = new BigDecimal("1.10");
    private static final BigDecimal NOTHING = BigDecimal.ZERO.setScale(SCALE);

    /** Decides the payment of a valid, assessed claim. */
    public PaymentDecision decide(Claim claim, FraudClass fraudClass) {
        BigDecimal claimed = claim.claimedAmount();
        BigDecimal reserve = claimed.multiply(RESERVE_FACTOR).setScale(SCALE, ROUNDING);
        ProductTerms terms = ProductTerms.of(claim.productLine());

        PaymentOutcome outcome;
        BigDecimal payment = NOTHING;
        if (fraudClass == FraudClass.SUSPECTED_FRAUD) {
            outcome = PaymentOutcome.REFERRED;
        } else if (claimed.compareTo(terms.deductible()) <= 0) {
            outcome = PaymentOutcome.DECLINED;
        } else {
            outcome = PaymentOutcome.APPROVED;
            payment = claimed.subtract(terms.deductible()).multiply(terms.coverageRate()).setScale(SCALE, ROUNDING);
        }

        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(new LedgerEntry(LedgerEntry.CLAIMS_RESERVE, LedgerEntry.Direction.DEBIT, reserve));
        entries.add(new LedgerEntry(LedgerEntry.OUTSTANDING_CLAIMS, LedgerEntry.Direction.CREDIT, reserve));
        if (outcome == PaymentOutcome.APPROVED) {
            entries.add(new LedgerEntry(LedgerEntry.CLAIMS_EXPENSE, LedgerEntry.Direction.DEBIT, payment));
            entries.add(new LedgerEntry(LedgerEntry.CLAIMS_PAYABLE, LedgerEntry.Direction.CREDIT, payment));
        }
        entries.sort(LedgerEntry.CANONICAL_ORDER);
        return new PaymentDecision(outcome, payment, reserve, entries);
    }
}
