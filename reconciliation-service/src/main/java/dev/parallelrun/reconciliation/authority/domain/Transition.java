package dev.parallelrun.reconciliation.authority.domain;

import dev.parallelrun.events.authority.Cohort;
import java.util.List;

/**
 * A decision the rules allow, and what it takes.
 *
 * @param cohortsAdded the cohorts a promotion gives the new service that it did not have: readiness must cover each;
 *                     empty for a rollback and for a promotion to a stage without cohorts
 */
public record Transition(Move move, List<Cohort> cohortsAdded) {

    public Transition {
        cohortsAdded = List.copyOf(cohortsAdded);
    }

    public boolean needsReadiness() {
        return move == Move.PROMOTION;
    }

    /**
     * Whether the decision may go ahead on this readiness: a rollback always; a promotion when ready, or when not ready
     * with an override reason, which the decision then records.
     *
     * @param override the admin's reason to promote although readiness is not met; {@code null} or blank when none
     */
    public Admission admit(boolean ready, String override) {
        if (!needsReadiness() || ready) {
            return new Admission(true, null);
        }
        boolean overridden = override != null && !override.isBlank();
        return new Admission(overridden, overridden ? override : null);
    }

    /**
     * @param allowed          whether the decision may be recorded
     * @param recordedOverride the override the decision records: only where it let a not-ready promotion pass
     */
    public record Admission(boolean allowed, String recordedOverride) {
    }
}
