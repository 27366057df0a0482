package dev.parallelrun.claims.application;

import java.util.regex.Pattern;

/**
 * Claims the service is told to fail on, for demonstrations and tests of what the platform does when the new service
 * fails while it is authoritative (the fallback to legacy): a claim whose id matches answers {@code failed} outcomes
 * with the reason {@value #REASON}, as a real technical failure would. Off unless configured
 * ({@code claims-service.fault-injection.fail-claims}, a regular expression on the claim id); the local runner sets it
 * to {@code CLM-SHADOWFAIL-.*}.
 */
public record InjectedFaults(Pattern failClaims) {

    /** The failure reason of an injected fault. */
    public static final String REASON = "injected-fault";

    /** No fault injected. */
    public static final InjectedFaults NONE = new InjectedFaults(null);

    /** From the configured regular expression; blank: none. */
    public static InjectedFaults failingClaimsMatching(String regex) {
        return regex == null || regex.isBlank() ? NONE : new InjectedFaults(Pattern.compile(regex));
    }

    boolean failsOn(String claimId) {
        return failClaims != null && claimId != null && failClaims.matcher(claimId).matches();
    }
}
