package dev.parallelrun.reconciliation.evidence.application;

/** A sign-off request that is well-formed JSON but cannot be a sign-off (422), naming the member that is wrong. */
public class SignOffRejectedException extends RuntimeException {
    private final String member;

    public SignOffRejectedException(String member, String problem) {
        super(member + " " + problem);
        this.member = member;
    }

    public String member() {
        return member;
    }
}
