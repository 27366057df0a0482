package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.AuthorityDecision;
import java.time.Instant;
import java.util.List;

/** The authority decisions the authority feature stored (read only: the evidence never decides). */
public interface AuthorityDecisions {

    /** The context's decisions taken in {@code [from, to)}, oldest first. */
    List<AuthorityDecision> decidedBetween(String context, Instant from, Instant to);
}
