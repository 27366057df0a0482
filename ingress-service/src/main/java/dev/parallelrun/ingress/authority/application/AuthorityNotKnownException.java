package dev.parallelrun.ingress.authority.application;

/**
 * The ingress has not read the authority decisions that were on the topic when it started: an intent accepted now
 * could be stamped with an outdated decision (or none), so it is refused, retryably (nothing was published).
 */
public class AuthorityNotKnownException extends RuntimeException {

    public AuthorityNotKnownException() {
        super("the ingress is still reading the authority decisions in force; it stamps no intent before it knows them");
    }
}
