package dev.parallelrun.legacysystem.claims.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The legacy platform's claim processing: validates the request, scores the fraud risk and decides
 * the payment, the old way (integer cents, half-up rounding, one reason code, overloaded status).
 *
 * <p>Deterministic and stateless; thread-safe.
 */
public final class LegacyClaimProcessor {

    private static final int BASE_SCORE = 10;
    private static final int MAX_SCORE = 100;
    private static final int SUSPECTED_FRAUD_FROM = 70;
    private static final int REVIEW_FROM = 40;
    private static final long VERY_HIGH_AMOUNT_CENTS = 20_000_00;
    private static final long HIGH_AMOUNT_CENTS = 5_000_00;
    private static final long LATE_REPORTING_DAYS = 180;
    private static final long RESERVE_PERCENT = 110;
    private static final List<String> SUSPICIOUS_WORDS = List.of("stolen", "theft", "fire", "total loss");
    private static final Set<String> DOMESTIC_REGIONS = Set.of("DE", "AT", "CH", "FR", "NL", "BE");
    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** Validates and decides one claim. */
    public LegacyDecision process(LegacyClaimForm form) {
        String problem = validationProblem(form);
        if (problem != null) {
            return LegacyDecision.validationError(form.claimNo(), problem);
        }
        return decide(form);
    }

    private static String validationProblem(LegacyClaimForm form) {
        if (isBlank(form.reqKey())) {
            return "MISSING REQ_KEY";
        }
        if (isBlank(form.claimNo())) {
            return "MISSING CLAIM_NO";
        }
        if (isBlank(form.policyNo())) {
            return "MISSING POLICY_NO";
        }
        if (isUnknownPolicy(form.policyNo())) {
            return "UNKNOWN POLICY " + form.policyNo().trim();
        }
        if (isBlank(form.lob())) {
            return "MISSING LOB";
        }
        if (isBlank(form.ctry())) {
            return "MISSING CTRY";
        }
        if (!LegacyAmounts.isAmount(form.amtClaimed()) || LegacyAmounts.parseCents(form.amtClaimed()) == 0) {
            return "INVALID AMT_CLAIMED " + nullToBlank(form.amtClaimed());
        }
        if (isBlank(form.ccy())) {
            return "MISSING CCY";
        }
        if (date(form.lossDt()) == null) {
            return "INVALID LOSS_DT " + nullToBlank(form.lossDt());
        }
        if (date(form.rptDt()) == null) {
            return "INVALID RPT_DT " + nullToBlank(form.rptDt());
        }
        return null;
    }

    /** A policy number whose digits are all zeros ({@code POL-0}, {@code POL-000}) does not exist. */
    static boolean isUnknownPolicy(String policyNo) {
        String digits = policyNo.replaceAll("\\D", "");
        return !digits.isEmpty() && digits.chars().allMatch(c -> c == '0');
    }

    private static LegacyDecision decide(LegacyClaimForm form) {
        long claimedCents = LegacyAmounts.parseCents(form.amtClaimed());
        List<RiskFactor> factors = riskFactors(form, claimedCents);
        int score = Math.min(MAX_SCORE, BASE_SCORE + factors.stream().mapToInt(RiskFactor::points).sum());
        String fraudIndicator = score >= SUSPECTED_FRAUD_FROM ? "Y" : score >= REVIEW_FROM ? "R" : "N";
        String reasonCode = "N".equals(fraudIndicator) ? "" : mainReason(factors);

        ProductTerms terms = ProductTerms.of(form.lob());
        long reserveCents = LegacyAmounts.percentOfHalfUp(claimedCents, RESERVE_PERCENT);
        boolean paid = !"Y".equals(fraudIndicator) && claimedCents > terms.deductibleCents();
        long paymentCents = paid
                ? LegacyAmounts.percentOfHalfUp(claimedCents - terms.deductibleCents(), terms.coveragePercent())
                : 0;

        List<LegacyLedgerLine> ledger = new ArrayList<>();
        if (paid) {
            ledger.add(LegacyLedgerLine.debit(LegacyLedgerLine.CLAIMS_EXPENSE, paymentCents));
            ledger.add(LegacyLedgerLine.credit(LegacyLedgerLine.CLAIMS_PAYABLE, paymentCents));
        }
        ledger.add(LegacyLedgerLine.debit(LegacyLedgerLine.CLAIMS_RESERVE, reserveCents));
        ledger.add(LegacyLedgerLine.credit(LegacyLedgerLine.OUTSTANDING_CLAIMS, reserveCents));

        return new LegacyDecision(form.claimNo().trim(), paid ? LegacyStatus.APPROVED : LegacyStatus.NOT_PAID,
                fraudIndicator, score, reasonCode, paymentCents, reserveCents, "", ledger);
    }

    private static List<RiskFactor> riskFactors(LegacyClaimForm form, long claimedCents) {
        List<RiskFactor> factors = new ArrayList<>();
        if (claimedCents > VERY_HIGH_AMOUNT_CENTS) {
            factors.add(new RiskFactor(RiskFactor.HIGH_AMOUNT, 35));
        } else if (claimedCents > HIGH_AMOUNT_CENTS) {
            factors.add(new RiskFactor(RiskFactor.HIGH_AMOUNT, 20));
        }
        String description = nullToBlank(form.desc()).toLowerCase(Locale.ROOT);
        if (SUSPICIOUS_WORDS.stream().anyMatch(description::contains)) {
            factors.add(new RiskFactor(RiskFactor.SUSPICIOUS_DESCRIPTION, 25));
        }
        if (ChronoUnit.DAYS.between(date(form.lossDt()), date(form.rptDt())) > LATE_REPORTING_DAYS) {
            factors.add(new RiskFactor(RiskFactor.LATE_REPORTING, 15));
        }
        if (!DOMESTIC_REGIONS.contains(form.ctry().trim().toUpperCase(Locale.ROOT))) {
            factors.add(new RiskFactor(RiskFactor.FOREIGN_REGION, 10));
        }
        return factors;
    }

    /** The factor contributing the most points; on a tie, the lower code. */
    private static String mainReason(List<RiskFactor> factors) {
        return factors.stream()
                .min(Comparator.comparingInt(RiskFactor::points).reversed().thenComparing(RiskFactor::reasonCode))
                .map(RiskFactor::reasonCode)
                .orElse("");
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim(), LEGACY_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }
}
