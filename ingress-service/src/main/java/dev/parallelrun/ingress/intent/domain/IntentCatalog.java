package dev.parallelrun.ingress.intent.domain;

import dev.parallelrun.events.IntentType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of intent types the ingress accepts, keyed by the name in the request path
 * ({@code /api/v1/intents/{name}}). Types are data (name, bounded context, version), each paired with
 * a schema by name; adding an intent type means configuring it and, if no existing schema fits,
 * writing one.
 */
public final class IntentCatalog {

    private final Map<String, RegisteredIntent> byName;

    private IntentCatalog(Map<String, RegisteredIntent> byName) {
        this.byName = byName;
    }

    /**
     * Pairs each intent type with its schema.
     *
     * @param types       intent type to the name of its schema
     * @param schemas     the schemas available
     * @throws IllegalArgumentException when a type names a schema that does not exist, a name repeats,
     *                                  or no type is given
     */
    public static IntentCatalog of(Map<IntentType, String> types, Collection<? extends IntentSchema> schemas) {
        Map<String, IntentSchema> schemaByName = new LinkedHashMap<>();
        for (IntentSchema schema : schemas) {
            if (schemaByName.putIfAbsent(schema.name(), schema) != null) {
                throw new IllegalArgumentException("two intent schemas are named " + schema.name());
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no intent types configured (ingress.intents is empty)");
        }
        Map<String, RegisteredIntent> byName = new LinkedHashMap<>();
        types.forEach((type, schemaName) -> {
            IntentSchema schema = schemaByName.get(schemaName);
            if (schema == null) {
                throw new IllegalArgumentException("intent type " + type.name() + " names schema '" + schemaName
                        + "', but the known schemas are " + schemaByName.keySet());
            }
            if (byName.putIfAbsent(type.name(), new RegisteredIntent(type, schema)) != null) {
                throw new IllegalArgumentException("intent type " + type.name() + " is configured twice");
            }
        });
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

    /** All registered intents. */
    public List<RegisteredIntent> all() {
        return List.copyOf(byName.values());
    }

    /** The bounded contexts the registered intents belong to, sorted. */
    public Set<String> boundedContexts() {
        Set<String> contexts = new TreeSet<>();
        byName.values().forEach(intent -> contexts.add(intent.type().boundedContext()));
        return contexts;
    }
}
