package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseState;

/** Which cases a list or a bulk transition is about; a {@code null} member matches every case. */
public record CaseFilter(String context, String outcomeType, CaseState state, Severity severity, CaseCategory category,
        String assignee, String correlationId) {

    /** Every case. */
    public static final CaseFilter ALL = new CaseFilter(null, null, null, null, null, null, null);

    /** A filter on everything but the business transaction. */
    public CaseFilter(String context, String outcomeType, CaseState state, Severity severity, CaseCategory category,
            String assignee) {
        this(context, outcomeType, state, severity, category, assignee, null);
    }

    /** The same filter, narrowed to one business transaction's cases (the console's case panel). */
    public CaseFilter withCorrelationId(String id) {
        return new CaseFilter(context, outcomeType, state, severity, category, assignee, id);
    }
}
