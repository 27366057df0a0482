package dev.parallelrun.reconciliation.correlation.authoritative.domain;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Whose outcome is the truth for an intent: the one rule behind {@code outcomes.authoritative.v1} and the fallback.
 *
 * <p>An outcome is authoritative when the {@code authority} it inherited from its intent names its own side
 * (no {@code authority} at all means legacy, as before authority existed), it is no replay, and it is not a
 * {@code failed} answer of the new service: a failed authoritative new service has decided nothing, so legacy is
 * asked to execute the intent for real (the fallback) and its answer becomes the truth. A legacy failure under
 * legacy authority stays the truth (there is nobody to fall back to). A fallback's legacy outcome is authoritative
 * whatever its status. Everything else (the reverse shadow's simulated legacy answer, the shadow's suppressed one
 * while legacy is authoritative, replays) is compared, never published as the truth.
 */
public final class OutcomeAuthority {

    private OutcomeAuthority() {
    }

    /** What an outcome means for the authoritative stream. */
    public enum Standing {
        /** The truth for its (correlation id, outcome type): published, once. */
        AUTHORITATIVE,
        /** The authoritative new service failed: legacy must execute the intent (the fallback). */
        FALLBACK_NEEDED,
        /** Not the truth: compared only. */
        NOT_AUTHORITATIVE
    }

    /** The standing of an outcome event (its {@code side} and {@code outcomestatus} must be set). */
    public static Standing standing(CloudEvent outcome) {
        if (outcome.isReplay()) {
            return Standing.NOT_AUTHORITATIVE;
        }
        Side side = outcome.outcomeSide();
        if (outcome.isFallback()) {
            return side == Side.LEGACY ? Standing.AUTHORITATIVE : Standing.NOT_AUTHORITATIVE;
        }
        Side authority = authority(outcome);
        if (authority != side) {
            return Standing.NOT_AUTHORITATIVE;
        }
        if (side == Side.SHADOW && outcome.status() == OutcomeStatus.FAILED) {
            return Standing.FALLBACK_NEEDED;
        }
        return Standing.AUTHORITATIVE;
    }

    /** The side an intent or outcome names as authoritative: legacy when none is stamped. */
    public static Side authority(CloudEvent event) {
        Side named = event.authoritySide();
        return named == null ? Side.LEGACY : named;
    }

    /** Whether legacy would have to stand in for the new service on this intent: it is authoritative, live, no fallback. */
    public static boolean mayNeedFallback(CloudEvent intent) {
        return !intent.isReplay() && !intent.isFallback() && authority(intent) == Side.SHADOW;
    }

    /**
     * The fallback intent's id: derived from the original intent's, so that however often reconciliation decides
     * to fall back, legacy sees one intent (its idempotency is by event id).
     */
    public static String fallbackId(String originalIntentId) {
        return UUID.nameUUIDFromBytes((originalIntentId + "|fallback").getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Why a fallback was requested: the label value of {@code parallelrun_fallbacks_total}. */
    public enum FallbackReason {
        /** The new service answered {@code failed}. */
        FAILED,
        /** The new service had not answered every expected outcome type by the end of the matching window. */
        MISSING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The reason named by its wire name, or {@code null} for anything else. */
        public static FallbackReason fromWire(String value) {
            for (FallbackReason reason : values()) {
                if (reason.wireName().equals(value)) {
                    return reason;
                }
            }
            return null;
        }
    }
}
