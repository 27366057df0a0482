package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;
import dev.parallelrun.adapter.shared.domain.LegacyMode;

/** The legacy claims platform, as the adapter calls it: with bounded retries, never throwing for technical failures. */
public interface LegacyClaimsSystem {

    /**
     * Processes a claim, for real ({@link LegacyMode#POST}: decided, booked, posted, its letter sent, once per request
     * key) or simulated ({@link LegacyMode#SIMULATE}: the same decision, nothing else); a repeated request key yields
     * the platform's first real answer again.
     */
    LegacyCallResult process(LegacyClaimRequest request, LegacyMode mode);
}
