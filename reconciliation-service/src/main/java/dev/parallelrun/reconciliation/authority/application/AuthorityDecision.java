package dev.parallelrun.reconciliation.authority.application;

import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.authority.domain.AuthorityState;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a context's append-only authority log, as the API answers it: what was decided, by whom, when and why,
 * the state it replaced, the readiness it was taken on and, if readiness was not met, the override that let it pass.
 *
 * @param previous  the state before ({@code decisionId null} when this is the context's first decision)
 * @param readiness the readiness evaluated when the decision was taken (for a promotion, with the cohorts it added)
 * @param override  why a promotion went ahead although readiness was not met; {@code null} otherwise
 */
public record AuthorityDecision(String decisionId, String context, AuthorityStage stage, List<Cohort> cohorts,
        String reason, String decidedBy, Instant decidedAt, AuthorityState previous, ReadinessReport readiness,
        String override) {

    public AuthorityDecision {
        cohorts = List.copyOf(cohorts);
    }

    /** The state this decision puts its context in. */
    public AuthorityState state() {
        return new AuthorityState(decisionId, stage, cohorts);
    }

    /** What the decision event on {@code authority.decisions.v1} carries. */
    public AuthorityDecided event() {
        return new AuthorityDecided(decisionId, context, stage, cohorts, decidedAt, decidedBy);
    }
}
