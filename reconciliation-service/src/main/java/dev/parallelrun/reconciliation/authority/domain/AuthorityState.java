package dev.parallelrun.reconciliation.authority.domain;

import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import java.util.List;
import java.util.Objects;

/**
 * Where a context stands: its stage, the cohorts of a {@code SELECTIVE} stage, and the decision that put it there.
 *
 * @param decisionId {@code null} before the context's first decision
 */
public record AuthorityState(String decisionId, AuthorityStage stage, List<Cohort> cohorts) {

    /** Every context before its first decision: the new service in shadow, not authoritative for anything. */
    public static final AuthorityState BEFORE_ANY_DECISION = new AuthorityState(null, AuthorityStage.SHADOW, List.of());

    public AuthorityState {
        Objects.requireNonNull(stage, "stage");
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    }
}
