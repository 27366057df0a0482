package dev.parallelrun.reconciliation.authority.application;

/** Puts a decision on {@code authority.decisions.v1}, returning only once the broker acknowledged it. */
public interface DecisionPublisher {

    /** @throws RuntimeException when the broker did not acknowledge the write */
    void publish(AuthorityDecision decision);
}
