package dev.parallelrun.claims.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The new fraud model: the shared scoring factors, but with one granular reason per finding
 * (every keyword found, the amount band) where the legacy system reports a single code; and one
 * factor the legacy system does not have: a high-value claim reported on the day of the incident
 * ({@link #SAME_DAY_HIGH_VALUE}), a pattern the new model was trained on. It is the parallel run's
 * one genuine decision difference (docs/claims-domain.md).
 */
public final class FraudModel {

    static final int BASE_SCORE = 10;
    static final int MAX_SCORE = 100;
    static final BigDecimal VERY_HIGH_AMOUNT = new BigDecimal("20000");
    static final BigDecimal HIGH_AMOUNT = new BigDecimal("5000");
    static final long LATE_REPORTING_DAYS = 180;
    /** Above this, a claim reported on the day of its incident scores {@link #SAME_DAY_HIGH_VALUE_POINTS} more. */
    static final BigDecimal SAME_DAY_HIGH_VALUE_AMOUNT = new BigDecimal("10000");
    static final int SAME_DAY_HIGH_VALUE_POINTS = 20;
    static final List<String> SUSPICIOUS_WORDS = List.of("stolen", "theft", "fire", "total loss");
    static final Set<String> HOME_REGIONS = Set.of("DE", "AT", "CH", "FR", "NL", "BE");

    public static final String AMOUNT_OVER_20000 = "AMOUNT_OVER_20000";
    public static final String AMOUNT_OVER_5000 = "AMOUNT_OVER_5000";
    public static final String LATE_REPORTING_180D = "LATE_REPORTING_180D";
    public static final String FOREIGN_REGION = "FOREIGN_REGION";
    public static final String SAME_DAY_HIGH_VALUE = "SAME_DAY_HIGH_VALUE";
    private static final String KEYWORD_PREFIX = "KEYWORD_";

    /**
     * Scores a valid claim.
     *
     * @param reportDate the day the claim was reported (the UTC date of the intent's time)
     */
    public RiskAssessment assess(Claim claim, LocalDate reportDate) {
        int score = BASE_SCORE;
        List<String> reasons = new ArrayList<>();

        if (claim.claimedAmount().compareTo(VERY_HIGH_AMOUNT) > 0) {
            score += 35;
            reasons.add(AMOUNT_OVER_20000);
        } else if (claim.claimedAmount().compareTo(HIGH_AMOUNT) > 0) {
            score += 20;
            reasons.add(AMOUNT_OVER_5000);
        }

        List<String> words = suspiciousWordsIn(claim.description());
        if (!words.isEmpty()) {
            // one factor, however many words: the points do not add up per word, the reasons do
            score += 25;
            words.forEach(word -> reasons.add(keywordReason(word)));
        }

        if (ChronoUnit.DAYS.between(claim.incidentDate(), reportDate) > LATE_REPORTING_DAYS) {
            score += 15;
            reasons.add(LATE_REPORTING_180D);
        }

        if (!HOME_REGIONS.contains(claim.region().trim().toUpperCase(Locale.ROOT))) {
            score += 10;
            reasons.add(FOREIGN_REGION);
        }

        // new in this model, unknown to the legacy system: claims of high value filed the very day of the incident
        if (claim.incidentDate().equals(reportDate) && claim.claimedAmount().compareTo(SAME_DAY_HIGH_VALUE_AMOUNT) > 0) {
            score += SAME_DAY_HIGH_VALUE_POINTS;
            reasons.add(SAME_DAY_HIGH_VALUE);
        }

        score = Math.min(score, MAX_SCORE);
        FraudClass fraudClass = FraudClass.ofScore(score);
        List<String> reported = fraudClass == FraudClass.CLEAR ? List.of() : reasons.stream().sorted().toList();
        return new RiskAssessment(score, fraudClass, reported);
    }

    /** The reason for one suspicious word, e.g. {@code KEYWORD_TOTAL_LOSS}. */
    public static String keywordReason(String word) {
        return KEYWORD_PREFIX + word.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    private static List<String> suspiciousWordsIn(String description) {
        if (description == null || description.isBlank()) {
            return List.of();
        }
        String text = description.toLowerCase(Locale.ROOT);
        return SUSPICIOUS_WORDS.stream().filter(text::contains).toList();
    }
}
