package dev.parallelrun.adapter.claims.domain;

import dev.parallelrun.events.claims.ClaimAssessed;
import dev.parallelrun.events.claims.PaymentDecided;

/**
 * The canonical result of one claim on the legacy side, for both outcome types at once: the legacy
 * platform decides both in one call, so both share the same status.
 */
public sealed interface ClaimOutcome {

    /** Canonical reason: the policy does not exist. */
    String UNKNOWN_POLICY = "unknown-policy";
    /** Canonical reason: the claim is invalid for another reason. */
    String INVALID_CLAIM = "invalid-claim";

    /** Legacy decided: both outcomes are {@code completed}. */
    record Decided(ClaimAssessed assessment, PaymentDecided payment) implements ClaimOutcome {
    }

    /** Legacy refused the claim on validation: both outcomes are {@code rejected}. */
    record Rejected(String reason, String detail) implements ClaimOutcome {
    }

    /** Legacy could not decide for a technical reason: both outcomes are {@code failed}. */
    record Failed(String reason, String detail) implements ClaimOutcome {
    }
}
