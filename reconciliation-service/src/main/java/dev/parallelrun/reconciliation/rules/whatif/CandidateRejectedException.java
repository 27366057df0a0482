package dev.parallelrun.reconciliation.rules.whatif;

/**
 * A candidate rule set a what-if cannot run on: malformed (the parser's message, naming the rule), for another
 * context than the one asked, or hashing without a configured key. Answered 422; nothing is stored.
 */
public class CandidateRejectedException extends RuntimeException {

    private final String title;
    private final String rule;

    CandidateRejectedException(String title, String detail, String rule) {
        super(detail);
        this.title = title;
        this.rule = rule;
    }

    /** The problem's title. */
    public String title() {
        return title;
    }

    /** Where in the candidate the problem is ({@code null} when it is the file as a whole). */
    public String rule() {
        return rule;
    }
}
