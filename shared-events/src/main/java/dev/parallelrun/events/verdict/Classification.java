package dev.parallelrun.events.verdict;

/** How a pair of outcomes compared. The names are a contract (dashboards, auditors). */
public enum Classification {
    MATCH(MatchRateBucket.AGREE),
    TOLERATED(MatchRateBucket.AGREE),
    EXPECTED_DIFFERENCE(MatchRateBucket.AGREE),
    TIMING(MatchRateBucket.AGREE),
    MISMATCH(MatchRateBucket.DISAGREE),
    MISSING_SHADOW(MatchRateBucket.DISAGREE),
    MISSING_LEGACY(MatchRateBucket.DISAGREE),
    DATA_QUALITY(MatchRateBucket.EXCLUDED),
    FAILED(MatchRateBucket.EXCLUDED),
    /** An accepted intent for which neither side produced any outcome within window + grace. */
    UNANSWERED(MatchRateBucket.EXCLUDED);

    private final MatchRateBucket bucket;

    Classification(MatchRateBucket bucket) {
        this.bucket = bucket;
    }

    /** Whether this classification counts as agreement, disagreement, or is left out of the match rate. */
    public MatchRateBucket bucket() {
        return bucket;
    }

    /** match rate = agree / (agree + disagree). */
    public enum MatchRateBucket {
        AGREE,
        DISAGREE,
        EXCLUDED
    }
}
