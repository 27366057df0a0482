package dev.parallelrun.events.claims;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Intent: a channel submitted an insurance claim. Amounts are exact decimals with at most 2 places. */
public record ClaimSubmitted(
        String claimId,
        String policyId,
        String productLine,
        String region,
        BigDecimal claimedAmount,
        String currency,
        LocalDate incidentDate,
        String description,
        Claimant claimant) {

    /** Personal data: redacted wherever the platform stores or logs it. */
    public record Claimant(String name, String email) {
    }
}
