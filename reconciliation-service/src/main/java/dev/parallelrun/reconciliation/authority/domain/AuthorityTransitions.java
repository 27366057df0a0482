package dev.parallelrun.reconciliation.authority.domain;

import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of moving authority (ARCHITECTURE.md, "Authority, readiness and evidence"): a promotion moves one stage at
 * a time, or widens the cohorts within {@code SELECTIVE}; a rollback (towards {@code SHADOW}, or narrower cohorts) is
 * always allowed, to any earlier stage. Only a promotion is judged on readiness.
 */
public final class AuthorityTransitions {

    private AuthorityTransitions() {
    }

    /**
     * Judges a requested decision against the context's current state.
     *
     * @param cohorts the requested cohorts (already valid cohorts; duplicates are ignored)
     * @throws InvalidDecisionException    cohorts on a stage other than {@code SELECTIVE}, or {@code SELECTIVE} without
     * @throws TransitionRefusedException  a promotion that skips a stage, or a decision that changes nothing
     */
    public static Transition judge(AuthorityState current, AuthorityStage stage, List<Cohort> cohorts) {
        if (stage == AuthorityStage.SELECTIVE && cohorts.isEmpty()) {
            throw new InvalidDecisionException("cohorts", "SELECTIVE needs at least one cohort");
        }
        if (stage != AuthorityStage.SELECTIVE && !cohorts.isEmpty()) {
            throw new InvalidDecisionException("cohorts", "only SELECTIVE has cohorts; " + stage + " applies to every intent");
        }
        if (current.stage().isRollbackTo(stage)) {
            return new Transition(Move.ROLLBACK, List.of());
        }
        if (stage == current.stage()) {
            if (stage != AuthorityStage.SELECTIVE) {
                throw new TransitionRefusedException("the context is already " + stage + "; nothing to decide");
            }
            Set<Cohort> requested = new LinkedHashSet<>(cohorts);
            if (requested.equals(new LinkedHashSet<>(current.cohorts()))) {
                throw new TransitionRefusedException("the context is already SELECTIVE for exactly these cohorts");
            }
            List<Cohort> added = requested.stream()
                    .filter(cohort -> current.cohorts().stream().noneMatch(cohort::within))
                    .toList();
            return added.isEmpty() ? new Transition(Move.ROLLBACK, List.of()) : new Transition(Move.PROMOTION, added);
        }
        if (stage.level() > current.stage().level() + 1) {
            throw new TransitionRefusedException("a promotion moves one stage at a time: from " + current.stage()
                    + " the next stage is " + AuthorityStage.values()[current.stage().level() + 1] + ", not " + stage);
        }
        return new Transition(Move.PROMOTION, List.copyOf(new LinkedHashSet<>(cohorts)));
    }
}
