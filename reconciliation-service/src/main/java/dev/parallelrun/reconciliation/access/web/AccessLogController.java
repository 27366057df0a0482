package dev.parallelrun.reconciliation.access.web;

import dev.parallelrun.reconciliation.access.domain.AccessLogEntry;
import dev.parallelrun.reconciliation.access.persistence.AccessLogStore;
import dev.parallelrun.reconciliation.config.ReconciliationProperties;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who read what, newest first, for admins ({@code config.ApiSecurityConfig}): filtered by user and by time
 * ({@code from} inclusive, {@code to} exclusive), paged by keyset ({@code cursor} from the previous page's
 * {@code nextCursor}). Bad parameters are 400 problems naming the parameter.
 */
@RestController
class AccessLogController {

    private final AccessLogStore store;
    private final ReconciliationProperties.Api limits;

    AccessLogController(AccessLogStore store, ReconciliationProperties properties) {
        this.store = store;
        this.limits = properties.api();
    }

    @GetMapping("/api/v1/access-log")
    AccessLogPage list(@RequestParam(required = false) String user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        int pageSize = limit(limit);
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidQueryException("from", "must be before to");
        }
        List<AccessLogEntry> rows = store.find(new AccessLogEntry.Query(user == null || user.isBlank() ? null : user,
                since, until, AccessLogCursor.parse(cursor), pageSize + 1));
        boolean more = rows.size() > pageSize;
        List<AccessLogEntry> page = more ? rows.subList(0, pageSize) : rows;
        return new AccessLogPage(page.stream().map(EntryView::of).toList(),
                more ? AccessLogCursor.of(page.get(page.size() - 1).position()) : null);
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return limits.defaultLimit();
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= limits.maxLimit()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidQueryException("limit", "must be a whole number between 1 and " + limits.maxLimit());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            // PostgreSQL's timestamptz (and java.sql.Timestamp) stop at four-digit years: beyond, a 400, not a 500
            if (instant.isAfter(Instant.parse("0001-01-01T00:00:00Z")) && instant.isBefore(Instant.parse("9999-12-31T00:00:00Z"))) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidQueryException(name, "must be an ISO-8601 UTC instant such as 2026-11-01T00:00:00Z");
    }

    /** One page, and the cursor of the next ({@code null} on the last). */
    record AccessLogPage(List<EntryView> items, String nextCursor) {
    }

    /** One read: who (and with which roles), what (method, path, query), when, and the answer's status. */
    record EntryView(Instant at, String user, List<String> roles, String method, String path, String query, int status) {
        static EntryView of(AccessLogEntry entry) {
            return new EntryView(entry.at(), entry.user(), entry.roles(), entry.method(), entry.path(), entry.query(),
                    entry.status());
        }
    }
}
