package dev.parallelrun.reconciliation.verdicts.domain;

import dev.parallelrun.events.Side;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Compares what the two sides decided for one outcome type, and decides what of an outcome may
 * leave the comparison. Implementations are pure and thread-safe; the result depends only on the
 * arguments (and the rules' version), so that every verdict can be reproduced.
 */
public interface OutcomeComparator {

    /**
     * @param context     the bounded context, e.g. {@code claims}
     * @param outcomeType the outcome type, e.g. {@code PaymentDecided}
     * @param legacy      the legacy side's outcome data, as received
     * @param shadow      the shadow side's outcome data, as received
     * @param at          when the comparison is made: accepted variances that expired before it do not apply
     */
    Comparison compare(String context, String outcomeType, JsonNode legacy, JsonNode shadow, Instant at);

    /**
     * One side's outcome data as a verdict may carry it (normalized, personal data redacted), for
     * verdicts that compare nothing: a failure, a rejection, a missing counterpart.
     */
    JsonNode view(String context, String outcomeType, Side side, JsonNode data);

    /** The version of the rules this comparator applies to a context, recorded on every verdict. */
    String ruleSetVersion(String context);
}
