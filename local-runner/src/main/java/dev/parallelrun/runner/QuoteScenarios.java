package dev.parallelrun.runner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic quote requests of the pricing context for the traffic generator (docs/pricing-domain.md), in a mix that
 * exercises its paths: quotes both sides price alike ({@code MATCH}, or {@code TOLERATED} where legacy's per-line tax
 * rounding costs a cent), paperless quotes (the new service's {@code EDOC} promotion: {@code EXPECTED_DIFFERENCE}),
 * quotes referred to an underwriter, risks that cannot be insured or are not offered in the country (both sides
 * reject), and quotes the legacy system fails on ({@code FAILED}).
 */
final class QuoteScenarios {

    /** What a generated quote request is meant to exercise. */
    enum Kind {
        PRICED(45), PAPERLESS(25), REFERRED(8), UNINSURABLE(5), NOT_OFFERED(7), LEGACY_FAILURE(5), LEGACY_SLOW(5);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A quote request to post, as the ingress request body, and what it is meant to exercise. */
    record Quote(Kind kind, String quoteId, Map<String, Object> body) {
    }

    private static final List<String> REGIONS = List.of("DE", "AT", "FR", "NL", "BE");
    private static final List<String> SEGMENTS = List.of("private", "loyal", "young", "business");
    private static final List<String> PRICED_OPTIONS = List.of("glass", "theft", "natural-hazards", "roadside", "legal");
    private static final List<String> NAMES = List.of("Erika Mustermann", "Jan Jansen", "Marie Dupont", "Luca Rossi",
            "Anna Schmidt", "Pieter de Vries", "Sophie Martin", "Lukas Huber");
    /** Per product line: a typical insured sum, the referral limit and the maximum (legacy-claims-system/README.md). */
    private static final Map<String, int[]> SUMS = Map.of(
            "home", new int[] {300_000, 1_000_000, 3_000_000},
            "motor", new int[] {30_000, 100_000, 300_000},
            "travel", new int[] {5_000, 20_000, 50_000});

    private final Random random;
    private final AtomicLong sequence = new AtomicLong();
    private final String runId;
    private final int totalWeight;

    QuoteScenarios(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
        this.runId = Long.toString(Math.abs(seed) % 46656, 36).toUpperCase();
        int total = 0;
        for (Kind kind : Kind.values()) {
            total += kind.weight;
        }
        this.totalWeight = total;
    }

    synchronized Quote next() {
        int pick = random.nextInt(totalWeight);
        for (Kind candidate : Kind.values()) {
            if (pick < candidate.weight) {
                return quote(candidate);
            }
            pick -= candidate.weight;
        }
        return quote(Kind.PRICED);
    }

    synchronized Quote quote(Kind kind) {
        long n = sequence.incrementAndGet();
        String prefix = switch (kind) {
            case LEGACY_FAILURE -> "QTE-FAIL-";
            case LEGACY_SLOW -> "QTE-SLOW-";
            default -> "QTE-";
        };
        String quoteId = prefix + runId + "-" + n;
        String productLine = List.of("home", "motor", "travel").get(random.nextInt(3));
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        int[] sums = SUMS.get(productLine);
        BigDecimal insuredSum = sum(sums[0] / 2 + random.nextInt(sums[0]));
        List<String> options = new ArrayList<>();
        for (String option : PRICED_OPTIONS) {
            if (random.nextInt(3) == 0) {
                options.add(option);
            }
        }
        switch (kind) {
            case PAPERLESS -> options.add("paperless");
            case REFERRED -> insuredSum = sum(sums[1] + 1 + random.nextInt(sums[2] - sums[1] - 1));
            case UNINSURABLE -> insuredSum = sum(sums[2] + 1 + random.nextInt(sums[2]));
            case NOT_OFFERED -> {
                productLine = "home";
                region = "CH";
                insuredSum = sum(100_000 + random.nextInt(400_000));
            }
            default -> {
            }
        }
        String name = NAMES.get(random.nextInt(NAMES.size()));
        Map<String, Object> body = Map.of(
                "quoteId", quoteId,
                "productLine", productLine,
                "region", region,
                "customerSegment", SEGMENTS.get(random.nextInt(SEGMENTS.size())),
                "insuredSum", insuredSum,
                "currency", "EUR",
                "requestedOptions", List.copyOf(options),
                "customer", Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.org"));
        return new Quote(kind, quoteId, body);
    }

    private BigDecimal sum(int euros) {
        return new BigDecimal(euros).add(new BigDecimal(random.nextInt(100)).movePointLeft(2)).setScale(2);
    }
}
