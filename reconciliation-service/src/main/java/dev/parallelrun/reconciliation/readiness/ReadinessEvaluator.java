package dev.parallelrun.reconciliation.readiness;

import dev.parallelrun.events.authority.Cohort;
import java.util.List;

/** Evaluates a context's readiness now, from its rule set's {@code readiness:} targets and the stored verdicts. */
public interface ReadinessEvaluator {

    /**
     * @param cohorts the cohorts a promotion would give the new service (each must be covered with the minimum
     *                volume); empty for a promotion without cohorts, or for the readiness endpoint
     * @throws dev.parallelrun.reconciliation.web.ResourceNotFoundException when the context has no rule set
     */
    ReadinessReport evaluate(String context, List<Cohort> cohorts);
}
