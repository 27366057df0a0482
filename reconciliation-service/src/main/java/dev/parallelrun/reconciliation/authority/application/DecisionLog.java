package dev.parallelrun.reconciliation.authority.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only log of authority decisions (PostgreSQL). */
public interface DecisionLog {

    /**
     * Serialises deciders of one context until the surrounding transaction ends, so that two concurrent decisions
     * never build on the same previous state.
     */
    void lockForDecision(String context);

    /** Serialises publishers of one context until the surrounding transaction ends, so decisions go out in order. */
    void lockForPublication(String context);

    /** Appends a decision, not yet published. */
    void append(AuthorityDecision decision);

    /** The context's latest decision. */
    Optional<AuthorityDecision> latest(String context);

    /** The decision in force at the instant: the latest decided at or before it. */
    Optional<AuthorityDecision> inForceAt(String context, Instant at);

    /** Every decision of the context, newest first. */
    List<AuthorityDecision> history(String context);

    /** The context's decisions not yet on the topic, oldest first. */
    List<AuthorityDecision> unpublished(String context);

    /** The contexts with a decision not yet on the topic. */
    List<String> contextsWithUnpublished();

    /** Records that the decision is on the topic (the one change the log allows). */
    void markPublished(String decisionId, Instant at);
}
