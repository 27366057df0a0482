package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.ingress.intent.schema.Violation;
import java.util.List;

/** The body violates its intent's schema. */
public class IntentRejectedException extends RuntimeException {

    private final String intentType;
    private final List<Violation> violations;

    public IntentRejectedException(String intentType, List<Violation> violations) {
        super(intentType + " violates its schema in " + violations.size() + " place(s)");
        this.intentType = intentType;
        this.violations = List.copyOf(violations);
    }

    public String intentType() {
        return intentType;
    }

    public List<Violation> violations() {
        return violations;
    }
}
