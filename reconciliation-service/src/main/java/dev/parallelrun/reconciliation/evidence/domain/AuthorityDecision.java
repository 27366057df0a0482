package dev.parallelrun.reconciliation.evidence.domain;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An authority decision as the evidence shows it: what was decided, by whom, why, from what, and the readiness it was
 * taken on. When it reached the decisions topic is delivery state, not evidence, and is not part of it.
 *
 * @param cohorts        the cohorts as stored (a JSON array)
 * @param readiness      the readiness report snapshot the decision was taken on, as stored
 * @param overrideReason why the decision was taken although readiness was not met; {@code null} if it was not
 */
public record AuthorityDecision(String decisionId, String context, String stage, JsonNode cohorts, String reason,
        String decidedBy, Instant decidedAt, String previousDecisionId, String previousStage, JsonNode previousCohorts,
        JsonNode readiness, String overrideReason) {
}
