package dev.parallelrun.ingress.intent.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of intent types the ingress accepts, keyed by the name in the request path
 * ({@code /api/v1/intents/{name}}). It is made from the intent schemas: each schema names its intent type
 * ({@code x-event-type}), so adding an intent type is adding a schema file (and letting a channel post it).
 */
public final class IntentCatalog {

    private final Map<String, RegisteredIntent> byName;

    private IntentCatalog(Map<String, RegisteredIntent> byName) {
        this.byName = byName;
    }

    /**
     * The catalog of these schemas.
     *
     * @throws IllegalArgumentException when no schema is given or two describe intent types of the same name
     */
    public static IntentCatalog of(Collection<IntentSchema> schemas) {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("no intent schema found: the ingress would accept nothing");
        }
        Map<String, RegisteredIntent> byName = new LinkedHashMap<>();
        for (IntentSchema schema : schemas) {
            RegisteredIntent earlier = byName.putIfAbsent(schema.type().name(),
                    new RegisteredIntent(schema.type(), schema));
            if (earlier != null) {
                throw new IllegalArgumentException("intent type " + schema.type().name() + " is described twice: by "
                        + earlier.schema().origin() + " and by " + schema.origin());
            }
        }
        return new IntentCatalog(Map.copyOf(byName));
    }

    /** The registered intent of that name. */
    public RegisteredIntent get(String name) throws UnknownIntentTypeException {
        RegisteredIntent intent = byName.get(Objects.requireNonNullElse(name, ""));
        if (intent == null) {
            throw new UnknownIntentTypeException(name);
        }
        return intent;
    }

    /** All registered intents, sorted by event type. */
    public List<RegisteredIntent> all() {
        return byName.values().stream()
                .sorted(java.util.Comparator.comparing(intent -> intent.type().eventType()))
                .toList();
    }

    /** The bounded contexts the registered intents belong to, sorted. */
    public Set<String> boundedContexts() {
        Set<String> contexts = new TreeSet<>();
        byName.values().forEach(intent -> contexts.add(intent.type().boundedContext()));
        return contexts;
    }
}
