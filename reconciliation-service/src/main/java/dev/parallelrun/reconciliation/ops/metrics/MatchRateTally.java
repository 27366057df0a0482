package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.verdict.Classification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The verdicts of one context and outcome type within the match-rate window, by match-rate bucket
 * (ARCHITECTURE: match rate = agree / (agree + disagree); DATA_QUALITY and FAILED are excluded).
 */
record MatchRateTally(String context, String outcomeType, long agree, long disagree, long excluded) {

    /** The match rate, or empty while nothing counts toward it. */
    OptionalDouble matchRate() {
        long counted = agree + disagree;
        return counted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) agree / counted);
    }

    /** How many verdicts of the window fall into the bucket. */
    long count(Classification.MatchRateBucket bucket) {
        return switch (bucket) {
            case AGREE -> agree;
            case DISAGREE -> disagree;
            case EXCLUDED -> excluded;
        };
    }

    /** One row of the verdict store's count: current verdicts of a classification. */
    record ClassificationCount(String context, String outcomeType, String classification, long count) {
    }

    /**
     * Sums classification counts into tallies, one per context and outcome type, in first-seen order.
     * A classification this build does not know is left out rather than guessed.
     */
    static List<MatchRateTally> of(List<ClassificationCount> counts) {
        Map<List<String>, long[]> sums = new LinkedHashMap<>();
        for (ClassificationCount row : counts) {
            Classification classification;
            try {
                classification = Classification.valueOf(row.classification());
            } catch (IllegalArgumentException unknown) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(List.of(row.context(), row.outcomeType()), key -> new long[3]);
            sum[classification.bucket().ordinal()] += row.count();
        }
        List<MatchRateTally> tallies = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> tallies.add(new MatchRateTally(key.get(0), key.get(1),
                sum[Classification.MatchRateBucket.AGREE.ordinal()],
                sum[Classification.MatchRateBucket.DISAGREE.ordinal()],
                sum[Classification.MatchRateBucket.EXCLUDED.ordinal()])));
        return tallies;
    }
}
