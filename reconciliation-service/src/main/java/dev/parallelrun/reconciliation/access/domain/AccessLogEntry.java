package dev.parallelrun.reconciliation.access.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One read by a person.
 *
 * @param entryId the log's own sequence ({@code null} before it is stored); with {@code at}, the keyset position
 * @param user    the authenticated name (HTTP Basic user, or the bearer token's principal claim)
 * @param roles   the roles the person had for this request ({@code AUDITOR}, ...), sorted
 * @param path    the request path, without the query string
 * @param query   the raw query string as sent, {@code null} when there was none
 * @param status  the HTTP status the person was answered
 */
public record AccessLogEntry(Long entryId, Instant at, String user, List<String> roles, String method, String path,
        String query, int status) {

    public AccessLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        roles = List.copyOf(roles);
    }

    /** Where this entry stands in the newest-first order. */
    public Position position() {
        return new Position(at, entryId);
    }

    /** A place in the newest-first order ({@code at} descending, then {@code entryId} descending). */
    public record Position(Instant at, long entryId) {
    }

    /**
     * Which entries, newest first.
     *
     * @param user  exactly this user, or {@code null} for everyone
     * @param from  at or after, or {@code null}
     * @param to    before, or {@code null}
     * @param after continue after this position (the previous page's last), or {@code null} for the first page
     * @param limit how many at most
     */
    public record Query(String user, Instant from, Instant to, Position after, int limit) {
    }
}
