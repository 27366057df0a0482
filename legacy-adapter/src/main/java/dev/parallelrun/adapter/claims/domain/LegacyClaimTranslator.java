package dev.parallelrun.adapter.claims.domain;

import dev.parallelrun.adapter.shared.domain.LegacyAmounts;
import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.ClaimAssessed.FraudDecision;
import dev.parallelrun.events.claims.ClaimSubmitted;
import dev.parallelrun.events.claims.PaymentDecided;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The anti-corruption layer for claims: a canonical {@link ClaimSubmitted} into the legacy request,
 * and the legacy answer (or its absence) into the canonical outcome of both outcome types.
 *
 * <p>The adapter translates; it does not judge. Business validation is the legacy platform's: a
 * missing field is sent blank and comes back as a validation error. Only what the legacy format
 * cannot express (an amount with more than two decimals) is refused here.
 */
public final class LegacyClaimTranslator {

    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final LegacyStatusTranslator statuses = new LegacyStatusTranslator();
    private final LegacyLedgerTranslator ledger = new LegacyLedgerTranslator();

    /**
     * The legacy request for a claim.
     *
     * @param requestKey the legacy idempotency key ({@code REQ_KEY}): the intent event's id
     * @param submittedAt when the intent was submitted; its UTC date is the report date
     * @throws InvalidClaimException when the claim cannot be expressed in the legacy format
     */
    public LegacyClaimRequest toLegacyRequest(String requestKey, ClaimSubmitted claim, Instant submittedAt) {
        if (requestKey == null || requestKey.isBlank()) {
            throw new IllegalArgumentException("a legacy request needs a request key");
        }
        Objects.requireNonNull(submittedAt, "submittedAt");
        return new LegacyClaimRequest(
                requestKey,
                blankIfNull(claim.claimId()),
                blankIfNull(claim.policyId()),
                upper(claim.productLine()),
                upper(claim.region()),
                claim.claimedAmount() == null ? "" : LegacyAmounts.format("claimedAmount", claim.claimedAmount(),
                        InvalidClaimException::new),
                upper(claim.currency()),
                claim.incidentDate() == null ? "" : claim.incidentDate().format(LEGACY_DATE),
                LocalDate.ofInstant(submittedAt, ZoneOffset.UTC).format(LEGACY_DATE),
                blankIfNull(claim.description()));
    }

    /** The canonical outcome of a legacy call for this claim. */
    public ClaimOutcome toOutcome(ClaimSubmitted claim, LegacyCallResult result) {
        if (result instanceof LegacyCallResult.Unavailable unavailable) {
            return new ClaimOutcome.Failed(unavailable.failure().reason(), unavailable.detail());
        }
        LegacyClaimResponse response = ((LegacyCallResult.Answered) result).response();
        try {
            if (statuses.isValidationError(response.status())) {
                return new ClaimOutcome.Rejected(statuses.rejectionReason(response.msg()), response.msg());
            }
            return decided(claim, response);
        } catch (UnreadableLegacyAnswerException e) {
            return new ClaimOutcome.Failed(LegacyCallFailure.ERROR.reason(),
                    "unreadable legacy answer: " + e.getMessage());
        }
    }

    private ClaimOutcome.Decided decided(ClaimSubmitted claim, LegacyClaimResponse response) {
        if (!Objects.equals(claim.claimId(), response.claimNo())) {
            throw new UnreadableLegacyAnswerException("answer for CLAIM_NO '" + response.claimNo()
                    + "' to a request for '" + claim.claimId() + "'");
        }
        FraudDecision fraudDecision = statuses.fraudDecision(response.fraudInd());
        ClaimAssessed assessment = new ClaimAssessed(claim.claimId(), fraudDecision, riskScore(response.riskScr()),
                statuses.riskReasons(fraudDecision, response.rsnCd()));
        PaymentDecided payment = new PaymentDecided(claim.claimId(),
                statuses.decision(response.status(), response.fraudInd()),
                LegacyAmounts.parse("PAY_AMT", response.payAmt()),
                LegacyAmounts.parse("RSV_AMT", response.rsvAmt()),
                claim.currency(),
                ledger.entries(response.ledger()));
        return new ClaimOutcome.Decided(assessment, payment);
    }

    private static int riskScore(String text) {
        try {
            int score = Integer.parseInt(text == null ? "" : text.trim());
            if (score < 0 || score > 100) {
                throw new UnreadableLegacyAnswerException("RISK_SCR out of range: '" + text + "'");
            }
            return score;
        } catch (NumberFormatException e) {
            throw new UnreadableLegacyAnswerException("RISK_SCR is not a number: '" + text + "'");
        }
    }

    private static String upper(String text) {
        return blankIfNull(text).trim().toUpperCase(Locale.ROOT);
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }
}
