package dev.parallelrun.events;

/**
 * One kind of business intent a channel can post: its name in the ingress path, its bounded
 * context and the CloudEvents type it travels as.
 */
public record IntentType(String name, String boundedContext, int version) {

    public IntentType {
        if (name == null || !name.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("intent name must be UpperCamelCase: " + name);
        }
        Topics.intents(boundedContext);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** The CloudEvents type, e.g. {@code claims.ClaimSubmitted.v1}. */
    public String eventType() {
        return boundedContext + "." + name + ".v" + version;
    }

    /** The topic the intent is published to. */
    public String topic() {
        return Topics.intents(boundedContext);
    }

    /** The CloudEvents type of an outcome of this context, e.g. {@code claims.ClaimAssessed.v1}. */
    public static String outcomeEventType(String boundedContext, String outcomeType) {
        return boundedContext + "." + outcomeType + ".v1";
    }
}
