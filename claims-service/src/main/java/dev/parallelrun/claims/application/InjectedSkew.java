package dev.parallelrun.claims.application;

import java.util.regex.Pattern;

/**
 * For tests and demonstrations only: a deliberate disagreement the new service can be switched into and out of while it
 * runs, to show what a governed replay reports once the shadow's behaviour changed (issue 11). A claim whose id matches
 * {@code claims-service.fault-injection.skew-risk-score-claims} (a regular expression) gets a risk score ten points
 * away from the one the fraud model computed in its {@code ClaimAssessed} outcome; its fraud decision, payment
 * decision and side effects stay as decided, so only the fraud assessment disagrees (a MISMATCH on {@code /riskScore}).
 * Off unless configured; {@link #skewClaimsMatching} changes it at run time, which is what makes the "fix" observable
 * without a restart. Never set it in production.
 */
public final class InjectedSkew {

    /** How far a skewed risk score lies from the computed one. */
    static final int SKEW = 10;

    private volatile Pattern claims;

    private InjectedSkew(Pattern claims) {
        this.claims = claims;
    }

    /** From the configured regular expression; blank: off. */
    public static InjectedSkew skewingClaimsMatching(String regex) {
        return new InjectedSkew(compile(regex));
    }

    /** Changes which claims are skewed from now on; blank or {@code null}: none (the "fix"). */
    public void skewClaimsMatching(String regex) {
        claims = compile(regex);
    }

    boolean skews(String claimId) {
        Pattern current = claims;
        return current != null && claimId != null && current.matcher(claimId).matches();
    }

    /** Ten points off the computed score, staying within 0..100. */
    static int skewed(int score) {
        return score + SKEW <= 100 ? score + SKEW : score - SKEW;
    }

    private static Pattern compile(String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
    }
}
