package dev.parallelrun.claims.domain;

/** The explicit fraud decision classes of the new model, from the risk score. */
public enum FraudClass {
    /** Score below 40. */
    CLEAR,
    /** Score 40 to 69: a human looks at it, payment still proceeds. */
    REVIEW,
    /** Score 70 and above: payment is referred. */
    SUSPECTED_FRAUD;

    static final int REVIEW_THRESHOLD = 40;
    static final int SUSPECTED_FRAUD_THRESHOLD = 70;

    static FraudClass ofScore(int score) {
        if (score >= SUSPECTED_FRAUD_THRESHOLD) {
            return SUSPECTED_FRAUD;
        }
        return score >= REVIEW_THRESHOLD ? REVIEW : CLEAR;
    }
}
