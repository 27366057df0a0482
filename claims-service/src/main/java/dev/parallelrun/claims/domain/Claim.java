package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A submitted claim as the decision rules see it. Personal data (the claimant) is deliberately absent:
 * no rule depends on it.
 *
 * @param claimedAmount an exact decimal; the rules accept at most two decimal places
 */
public record Claim(
        String claimId,
        String policyId,
        String productLine,
        String region,
        BigDecimal claimedAmount,
        String currency,
        LocalDate incidentDate,
        String description) {
}
