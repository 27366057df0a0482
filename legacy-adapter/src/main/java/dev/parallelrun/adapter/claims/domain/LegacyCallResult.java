package dev.parallelrun.adapter.claims.domain;

import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;

/** How a call on the legacy platform ended: with an answer, or without one for a technical reason. */
public sealed interface LegacyCallResult {

    /** The platform answered (which may still be a validation error in its {@code STATUS}). */
    record Answered(LegacyClaimResponse response) implements LegacyCallResult {
    }

    /** No usable answer after the bounded retries. */
    record Unavailable(LegacyCallFailure failure, String detail) implements LegacyCallResult {
    }
}
