package dev.parallelrun.ingress.intent.schema;

import java.util.Objects;

/**
 * One way a request body breaks its intent's schema.
 *
 * @param pointer where, as an RFC 6901 JSON pointer into the request body ({@code ""} is the whole body)
 * @param detail  what is wrong, for a human
 */
public record Violation(String pointer, String detail) {

    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(detail, "detail");
    }
}
