package dev.parallelrun.reconciliation.authority.application;

import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Gets recorded decisions onto {@code authority.decisions.v1}, in their order per context: every decision not yet
 * published, oldest first, each marked published once the broker acknowledged it. Publishers of one context are
 * serialised, so an older decision never lands on the compacted topic after a newer one; publishing one twice is
 * harmless (same key, same decision id).
 */
@Service
public class DecisionPublication {

    private final DecisionLog decisions;
    private final DecisionPublisher publisher;
    private final TransactionOperations transactions;
    private final Clock clock;

    DecisionPublication(DecisionLog decisions, DecisionPublisher publisher, TransactionOperations transactions,
            Clock clock) {
        this.decisions = decisions;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Publishes the context's unpublished decisions in order; stops at the first that the broker does not take. */
    public void publishPending(String context) {
        transactions.executeWithoutResult(status -> {
            decisions.lockForPublication(context);
            for (AuthorityDecision decision : decisions.unpublished(context)) {
                publisher.publish(decision);
                decisions.markPublished(decision.decisionId(), clock.instant());
            }
        });
    }

    /** Publishes every context's unpublished decisions (the relay, on start-up and periodically). */
    public void publishAllPending() {
        RuntimeException first = null;
        for (String context : decisions.contextsWithUnpublished()) {
            try {
                publishPending(context);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
