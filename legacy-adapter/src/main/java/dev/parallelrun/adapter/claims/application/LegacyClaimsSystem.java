package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.adapter.claims.domain.LegacyCallResult;
import dev.parallelrun.adapter.claims.domain.LegacyClaimRequest;

/** The legacy claims platform, as the adapter calls it: with bounded retries, never throwing for technical failures. */
public interface LegacyClaimsSystem {

    /** Processes a claim; a repeated request key yields the platform's first answer again. */
    LegacyCallResult process(LegacyClaimRequest request);
}
