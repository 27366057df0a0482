package dev.parallelrun.runner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic claims for the traffic generator, in a mix that exercises every path of the parallel
 * run: clean claims ({@code MATCH}), rounding-policy differences ({@code TOLERATED}), claims the fraud
 * models review or suspect (the new model's richer reasons: {@code EXPECTED_DIFFERENCE}), same-day
 * high-value claims (the new model's one genuine decision difference: {@code MISMATCH}, {@code CRITICAL}),
 * claims below the deductible, unknown policies ({@code DATA_QUALITY}), and claims the legacy system
 * fails or is slow on ({@code FAILED}).
 */
final class ClaimScenarios {

    /** What a generated claim is meant to exercise. */
    enum Kind {
        CLEAN(42), ROUNDING(14), REVIEW(10), SUSPECTED_FRAUD(5), SAME_DAY_HIGH_VALUE(4), BELOW_DEDUCTIBLE(5),
        UNKNOWN_POLICY(5), LEGACY_FAILURE(5), LEGACY_SLOW(2), IDEMPOTENT_RETRY(8);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A claim to post, as the ingress request body, and what it is meant to exercise. */
    record Claim(Kind kind, String claimId, Map<String, Object> body) {
    }

    private static final List<String> HOME_REGIONS = List.of("DE", "AT", "CH", "FR", "NL", "BE");
    private static final List<String> NAMES = List.of("Erika Mustermann", "Jan Jansen", "Marie Dupont", "Luca Rossi",
            "Anna Schmidt", "Pieter de Vries", "Sophie Martin", "Lukas Huber");
    private static final Map<String, BigDecimal> DEDUCTIBLE = Map.of("motor", new BigDecimal("150.00"),
            "home", new BigDecimal("250.00"), "travel", new BigDecimal("50.00"));
    private static final BigDecimal MOTOR_RATE = new BigDecimal("0.90");

    private final Random random;
    private final AtomicLong sequence = new AtomicLong();
    private final String runId;
    private final int totalWeight;

    ClaimScenarios(long seed) {
        this.random = new Random(seed);
        this.runId = Long.toString(Math.abs(seed) % 46656, 36).toUpperCase();
        int total = 0;
        for (Kind kind : Kind.values()) {
            total += kind.weight;
        }
        this.totalWeight = total;
    }

    synchronized Claim next(LocalDate today) {
        int pick = random.nextInt(totalWeight);
        Kind kind = Kind.CLEAN;
        for (Kind candidate : Kind.values()) {
            if (pick < candidate.weight) {
                kind = candidate;
                break;
            }
            pick -= candidate.weight;
        }
        return claim(kind, today);
    }

    synchronized Claim claim(Kind kind, LocalDate today) {
        long n = sequence.incrementAndGet();
        String prefix = switch (kind) {
            case LEGACY_FAILURE -> "CLM-FAIL-";
            case LEGACY_SLOW -> "CLM-SLOW-";
            default -> "CLM-";
        };
        String claimId = prefix + runId + "-" + n;
        String productLine = List.of("motor", "home", "travel").get(random.nextInt(3));
        String region = HOME_REGIONS.get(random.nextInt(HOME_REGIONS.size()));
        String description = List.of("rear-end collision", "water damage in the kitchen", "broken windscreen",
                "lost luggage", "storm damage to the roof", "scratched door in a car park").get(random.nextInt(6));
        BigDecimal amount = roundAmount(200 + random.nextInt(3800));
        LocalDate incident = today.minusDays(1 + random.nextInt(30));
        String policyId = "POL-" + (1000 + random.nextInt(9000));
        switch (kind) {
            case ROUNDING -> {
                productLine = "motor";
                amount = roundingCase();
            }
            case REVIEW -> {
                description = "bicycle stolen from the garage";
                amount = roundAmount(5200 + random.nextInt(4000));
            }
            case SUSPECTED_FRAUD -> {
                description = "total loss after fire, vehicle stolen before";
                amount = roundAmount(21000 + random.nextInt(20000));
                incident = today.minusDays(200 + random.nextInt(100));
                region = "BR";
            }
            case SAME_DAY_HIGH_VALUE -> {
                // reported the day it happened, above 10 000: the new fraud model reviews it, legacy clears it
                amount = roundAmount(10100 + random.nextInt(9000));
                incident = today;
            }
            case BELOW_DEDUCTIBLE -> {
                productLine = "motor";
                amount = new BigDecimal(40 + random.nextInt(100) + ".00");
            }
            case UNKNOWN_POLICY -> policyId = "POL-000";
            default -> {
            }
        }
        String name = NAMES.get(random.nextInt(NAMES.size()));
        Map<String, Object> body = Map.of(
                "claimId", claimId,
                "policyId", policyId,
                "productLine", productLine,
                "region", region,
                "claimedAmount", amount,
                "currency", "EUR",
                "incidentDate", incident.toString(),
                "description", description,
                "claimant", Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.org"));
        return new Claim(kind, claimId, body);
    }

    /** Cents in steps of 20: neither rounding policy changes a result computed from it. */
    private BigDecimal roundAmount(int euros) {
        return new BigDecimal(euros).add(new BigDecimal(random.nextInt(5) * 20).movePointLeft(2)).setScale(2);
    }

    /** A motor claim whose payment rounds differently under HALF_UP and HALF_EVEN. */
    private BigDecimal roundingCase() {
        while (true) {
            BigDecimal amount = new BigDecimal(300 + random.nextInt(3000)).add(new BigDecimal(random.nextInt(100)).movePointLeft(2));
            BigDecimal exact = amount.subtract(DEDUCTIBLE.get("motor")).multiply(MOTOR_RATE);
            if (exact.setScale(2, RoundingMode.HALF_UP).compareTo(exact.setScale(2, RoundingMode.HALF_EVEN)) != 0) {
                return amount.setScale(2);
            }
        }
    }
}
