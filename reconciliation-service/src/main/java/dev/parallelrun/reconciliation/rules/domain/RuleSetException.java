package dev.parallelrun.reconciliation.rules.domain;

/** A rule file that cannot be used, with the file, the rule in it and what is wrong. */
public final class RuleSetException extends RuntimeException {

    private final String source;
    private final String rule;
    private final String problem;

    public RuleSetException(String source, String rule, String problem) {
        this(source, rule, problem, null);
    }

    public RuleSetException(String source, String rule, String problem, Throwable cause) {
        super("rule set " + source + ", " + rule + ": " + problem, cause);
        this.source = source;
        this.rule = rule;
        this.problem = problem;
    }

    /** The file or resource the rule set came from. */
    public String source() {
        return source;
    }

    /** Where in the file, e.g. {@code outcomeTypes.PaymentDecided.fields[2] (/paymentAmount)}. */
    public String rule() {
        return rule;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
