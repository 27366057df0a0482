package dev.parallelrun.ingress.intent.schema;

/** A channel posted to an intent type the ingress does not know. */
public class UnknownIntentTypeException extends RuntimeException {

    private final String intentType;

    public UnknownIntentTypeException(String intentType) {
        super("unknown intent type: " + intentType);
        this.intentType = intentType;
    }

    public String intentType() {
        return intentType;
    }
}
