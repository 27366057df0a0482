package dev.parallelrun.reconciliation.cases.domain;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import java.time.Instant;

/**
 * One divergence case: the work on one (correlation id, outcome type) whose live verdict disagreed.
 *
 * @param variance   the variance id to add to the next rule set, only when resolved as {@code ACCEPTED_VARIANCE}
 * @param verdictId  the verdict the case is about now (the pair's latest verdict the case was told of)
 * @param severity   that verdict's severity; {@code classification} its classification
 * @param openedAt   when the current cycle opened (a reopened case starts a new cycle)
 * @param version    the optimistic-concurrency token, one higher after every change (the API's ETag)
 */
public record DivergenceCase(String caseId, String correlationId, String context, String outcomeType, CaseState state,
        CaseCategory category, String variance, String assignee, String ticket, Severity severity,
        Classification classification, String verdictId, Instant openedAt, Instant updatedAt, Instant resolvedAt,
        long version) {
}
