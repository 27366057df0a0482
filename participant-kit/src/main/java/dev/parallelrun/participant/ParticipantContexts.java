package dev.parallelrun.participant;

import dev.parallelrun.events.Topics;
import java.util.List;
import java.util.Objects;

/**
 * The bounded contexts a participant takes part in: those of its {@link IntentHandler}s, so that a team never names
 * them twice. The legacy adapter decides claims and pricing intents; a shadow service usually one context's.
 *
 * @param names the contexts, sorted, without duplicates
 */
public record ParticipantContexts(List<String> names) {

    /** The label of intents whose context is none of the participant's, so that metric labels stay bounded. */
    static final String OTHER = "other";

    public ParticipantContexts {
        names = names.stream().map(Objects::requireNonNull).distinct().sorted().toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("a participant needs an IntentHandler bean: the kit has nothing to call");
        }
        names.forEach(Topics::intents);
    }

    /** The contexts of the given handlers. */
    public static ParticipantContexts of(List<IntentHandler> handlers) {
        return new ParticipantContexts(handlers.stream().map(handler -> handler.intentType().boundedContext()).toList());
    }

    /** The topics the participant consumes: {@code intents.<context>.v1} for each of its contexts. */
    public String[] intentTopics() {
        return names.stream().map(Topics::intents).toArray(String[]::new);
    }

    /** A metric label for a context read off the wire: itself when it is one of the participant's, otherwise "other". */
    String label(String context) {
        return context != null && names.contains(context) ? context : OTHER;
    }

    /** The metric label of a consumed topic's context ({@code intents.<context>.v1}). */
    String labelOfTopic(String topic) {
        for (String name : names) {
            if (Topics.intents(name).equals(topic)) {
                return name;
            }
        }
        return OTHER;
    }
}
