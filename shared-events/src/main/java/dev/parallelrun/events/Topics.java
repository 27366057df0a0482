package dev.parallelrun.events;

import java.util.List;

/**
 * The topic registry. Names are logical and stable; they are contracts that dashboards, operators
 * and other teams rely on, so {@code TopicsTest} pins each one.
 */
public final class Topics {
    public static final String OUTCOMES_LEGACY = "outcomes.legacy.v1";
    public static final String OUTCOMES_SHADOW = "outcomes.shadow.v1";
    public static final String VERDICTS = "reconciliation.verdicts.v1";
    /** The authoritative side's outcome (or its fallback's) per correlation id and outcome type, exactly once. */
    public static final String AUTHORITATIVE_OUTCOMES = "outcomes.authoritative.v1";
    /** Authority decisions, compacted, key = bounded context: the latest decision per context. */
    public static final String AUTHORITY_DECISIONS = "authority.decisions.v1";
    /**
     * The new service's real side effects (payments, letters), relayed from its outbox once each in effect: consumers
     * de-duplicate by event id (= the side effect's id).
     */
    public static final String SIDE_EFFECTS_DISPATCHED = "sideeffects.dispatched.v1";
    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The intent topic of a bounded context, e.g. {@code intents.claims.v1}. */
    public static String intents(String boundedContext) {
        if (boundedContext == null || !boundedContext.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("bounded context must be lower-case letters, digits and '-': " + boundedContext);
        }
        return "intents." + boundedContext + ".v1";
    }

    /** The dead-letter topic of a consumed topic. It needs at least as many partitions as its source. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /**
     * Every topic the platform uses for the given bounded contexts: the intent, outcome and verdict topics with their
     * dead-letter topics, the authoritative outcomes, the authority decisions and the dispatched side effects.
     */
    public static List<String> all(List<String> boundedContexts) {
        var names = new java.util.ArrayList<String>();
        for (String context : boundedContexts) {
            names.add(intents(context));
            names.add(deadLetter(intents(context)));
        }
        for (String topic : List.of(OUTCOMES_LEGACY, OUTCOMES_SHADOW, VERDICTS)) {
            names.add(topic);
            names.add(deadLetter(topic));
        }
        // written by one service each and never dead-lettered: their readers skip what they cannot read
        names.addAll(List.of(AUTHORITATIVE_OUTCOMES, AUTHORITY_DECISIONS, SIDE_EFFECTS_DISPATCHED));
        return List.copyOf(names);
    }
}
