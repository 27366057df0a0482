package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimScenariosTest {

    private final LocalDate today = LocalDate.of(2026, 11, 22);

    @Test
    void generatesEveryKindOfClaimInAThousand() {
        ClaimScenarios scenarios = new ClaimScenarios(42);
        Set<ClaimScenarios.Kind> seen = EnumSet.noneOf(ClaimScenarios.Kind.class);

        for (int i = 0; i < 1000; i++) {
            seen.add(scenarios.next(today).kind());
        }

        assertThat(seen).containsExactlyInAnyOrder(ClaimScenarios.Kind.values());
    }

    @Test
    void roundingCasesRoundDifferentlyUnderTheTwoPolicies() {
        ClaimScenarios scenarios = new ClaimScenarios(7);

        for (int i = 0; i < 50; i++) {
            ClaimScenarios.Claim claim = scenarios.claim(ClaimScenarios.Kind.ROUNDING, today);
            BigDecimal exact = ((BigDecimal) claim.body().get("claimedAmount")).subtract(new BigDecimal("150.00"))
                    .multiply(new BigDecimal("0.90"));
            assertThat(exact.setScale(2, RoundingMode.HALF_UP)).isNotEqualByComparingTo(exact.setScale(2, RoundingMode.HALF_EVEN));
        }
    }

    @Test
    void cleanClaimsNeverDependOnTheRoundingPolicy() {
        ClaimScenarios scenarios = new ClaimScenarios(11);

        for (int i = 0; i < 200; i++) {
            ClaimScenarios.Claim claim = scenarios.claim(ClaimScenarios.Kind.CLEAN, today);
            BigDecimal amount = (BigDecimal) claim.body().get("claimedAmount");
            for (String rate : new String[] {"0.90", "0.85", "1.00", "1.10"}) {
                BigDecimal exact = amount.multiply(new BigDecimal(rate));
                assertThat(exact.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(exact.setScale(2, RoundingMode.HALF_EVEN));
            }
        }
    }

    @Test
    void marksLegacyFailuresAndUnknownPoliciesTheWayTheSystemsRecogniseThem() {
        ClaimScenarios scenarios = new ClaimScenarios(3);

        assertThat(scenarios.claim(ClaimScenarios.Kind.LEGACY_FAILURE, today).claimId()).startsWith("CLM-FAIL-");
        assertThat(scenarios.claim(ClaimScenarios.Kind.LEGACY_SLOW, today).claimId()).startsWith("CLM-SLOW-");
        assertThat(scenarios.claim(ClaimScenarios.Kind.UNKNOWN_POLICY, today).body().get("policyId")).isEqualTo("POL-000");
    }

    @Test
    void sameDayHighValueClaimsAreReportedTheDayOfTheIncidentAboveTenThousandWithoutOtherRiskFactors() {
        ClaimScenarios scenarios = new ClaimScenarios(5);

        for (int i = 0; i < 100; i++) {
            ClaimScenarios.Claim claim = scenarios.claim(ClaimScenarios.Kind.SAME_DAY_HIGH_VALUE, today);
            BigDecimal amount = (BigDecimal) claim.body().get("claimedAmount");
            assertThat(claim.body().get("incidentDate")).isEqualTo(today.toString());
            // above the same-day threshold, at most 20 000: the legacy side scores 30 (CLEAR), the new model 50 (REVIEW)
            assertThat(amount).isGreaterThan(new BigDecimal("10000")).isLessThanOrEqualTo(new BigDecimal("20000"));
            assertThat(((String) claim.body().get("description")).toLowerCase())
                    .doesNotContain("stolen", "theft", "fire", "total loss");
            assertThat(claim.body().get("region")).isIn("DE", "AT", "CH", "FR", "NL", "BE");
        }
    }
}
