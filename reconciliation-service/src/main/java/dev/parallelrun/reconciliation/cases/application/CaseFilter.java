package dev.parallelrun.reconciliation.cases.application;

import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseState;

/** Which cases a list or a bulk transition is about; a {@code null} member matches every case. */
public record CaseFilter(String context, String outcomeType, CaseState state, Severity severity, CaseCategory category,
        String assignee) {

    /** Every case. */
    public static final CaseFilter ALL = new CaseFilter(null, null, null, null, null, null);
}
