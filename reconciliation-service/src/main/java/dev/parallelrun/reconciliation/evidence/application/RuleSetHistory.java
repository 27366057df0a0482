package dev.parallelrun.reconciliation.evidence.application;

import dev.parallelrun.reconciliation.evidence.domain.RuleSetInForce;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The stored rule sets and when each was put in force. */
public interface RuleSetHistory {

    /** Whether a rule set was ever stored for the context: a context without one is unknown. */
    boolean knows(String context);

    /**
     * The rule sets in force during {@code [from, to)}: those the period's verdicts name, those of the context put in
     * force during the period, and the one of the context put in force last before it.
     */
    List<RuleSetInForce> inForce(String context, Instant from, Instant to, Set<String> namedByVerdicts);
}
