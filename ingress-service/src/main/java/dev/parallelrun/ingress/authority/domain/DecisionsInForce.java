package dev.parallelrun.ingress.authority.domain;

import dev.parallelrun.events.authority.AuthorityDecided;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest authority decision of each context, as read from the decision topic, and the stamp it gives an intent.
 *
 * <p>The topic is keyed by context, so a context's decisions arrive in the order they were published; a decision that
 * says it was taken before the one in force (a record republished late, an older copy still on the topic before
 * compaction) does not replace it. Thread-safe: the reader applies decisions while requests stamp intents.
 */
public final class DecisionsInForce {

    private final Map<String, AuthorityDecided> byContext = new ConcurrentHashMap<>();

    /**
     * Puts a decision in force unless its context already has a later one.
     *
     * @return whether it is now in force
     */
    public boolean apply(AuthorityDecided decided) {
        AuthorityDecided inForce = byContext.merge(decided.context(), decided,
                (current, incoming) -> takenBefore(incoming, current) ? current : incoming);
        return inForce == decided;
    }

    /** Forgets a context's decision (its key was deleted from the topic): its intents go unstamped, as legacy's. */
    public void forget(String context) {
        byContext.remove(context);
    }

    /** The decision in force for a context, if it has any. */
    public Optional<AuthorityDecided> of(String context) {
        return Optional.ofNullable(byContext.get(context));
    }

    /** How many contexts have a decision in force. */
    public int size() {
        return byContext.size();
    }

    /**
     * The stamp of an intent of that context with these attributes: none while its context has no decision (an
     * unstamped intent is legacy's, as before authority existed).
     */
    public Optional<AuthorityStamp> stampFor(String context, CohortAttributes attributes) {
        return of(context).map(decided -> new AuthorityStamp(
                decided.authoritativeSide(attributes.productLine(), attributes.region(), attributes.channel()),
                decided.decisionId()));
    }

    private static boolean takenBefore(AuthorityDecided incoming, AuthorityDecided current) {
        return incoming.decidedAt() != null && current.decidedAt() != null
                && incoming.decidedAt().isBefore(current.decidedAt());
    }
}
