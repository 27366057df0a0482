package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which outcome types an accepted intent of each bounded context must end in, one verdict each. Data,
 * not code: taken from the loaded rule sets (every outcome type a context's rule set compares is
 * expected of every intent of that context).
 */
public record IntentExpectations(Map<String, List<String>> outcomeTypesByContext) {

    public IntentExpectations {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        outcomeTypesByContext.forEach((context, types) -> copy.put(context, List.copyOf(types)));
        outcomeTypesByContext = Map.copyOf(copy);
    }

    /** Expects nothing: intents are not read. */
    public static IntentExpectations none() {
        return new IntentExpectations(Map.of());
    }

    /** The outcome types an intent of the context must end in; empty for a context without a rule set. */
    public List<String> outcomeTypes(String context) {
        return context == null ? List.of() : outcomeTypesByContext.getOrDefault(context, List.of());
    }

    /**
     * The intent topics to read, as a subscription pattern of their exact names: a pattern, so that the
     * correlation starts (and keeps deciding outcome pairs) before the ingress has declared a context's
     * intent topic, and picks it up once it exists.
     */
    Pattern intentTopics() {
        return Pattern.compile(outcomeTypesByContext.keySet().stream().sorted()
                .map(context -> Pattern.quote(Topics.intents(context))).collect(Collectors.joining("|")));
    }

    boolean isEmpty() {
        return outcomeTypesByContext.isEmpty();
    }
}
