package dev.parallelrun.reconciliation.cases.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import dev.parallelrun.reconciliation.verdicts.web.VerdictView;
import java.time.Instant;
import java.util.List;

/**
 * A case as the API shows it. The list shows cases alone; one case ({@code GET /api/v1/cases/{caseId}}, and the answer
 * to a transition) comes with its verdict, its history and, resolved as {@code ACCEPTED_VARIANCE}, the rule-set
 * snippet to propose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CaseView(String caseId, String correlationId, String context, String outcomeType, CaseState state,
        @JsonInclude(JsonInclude.Include.ALWAYS) CaseCategory category,
        @JsonInclude(JsonInclude.Include.ALWAYS) String variance,
        @JsonInclude(JsonInclude.Include.ALWAYS) String assignee,
        @JsonInclude(JsonInclude.Include.ALWAYS) String ticket, Severity severity, Classification classification,
        String verdictId, Instant openedAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant resolvedAt, long version, String proposedRuleSetSnippet,
        VerdictView verdict, List<CaseHistoryEntry> history) {

    static CaseView of(DivergenceCase c) {
        return of(c, null, null, null);
    }

    static CaseView of(DivergenceCase c, String snippet, VerdictView verdict, List<CaseHistoryEntry> history) {
        return new CaseView(c.caseId(), c.correlationId(), c.context(), c.outcomeType(), c.state(), c.category(),
                c.variance(), c.assignee(), c.ticket(), c.severity(), c.classification(), c.verdictId(), c.openedAt(),
                c.updatedAt(), c.resolvedAt(), c.version(), snippet, verdict, history);
    }
}
