package dev.parallelrun.reconciliation.access.web;

import dev.parallelrun.reconciliation.access.domain.AccessLogEntry;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The keyset cursor of {@code GET /api/v1/access-log}: the position of a page's last entry ({@code at|entryId},
 * URL-safe Base64), opaque to clients. Anything this API did not hand out is a 400 problem, never a query.
 */
final class AccessLogCursor {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final String PARAMETER = "cursor";
    private static final String REFUSAL = "is not a cursor this API returned";

    private AccessLogCursor() {
    }

    static String of(AccessLogEntry.Position position) {
        String text = position.at() + "|" + position.entryId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; {@code null} for none (the first page). */
    static AccessLogEntry.Position parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 2) {
                throw new InvalidQueryException(PARAMETER, REFUSAL);
            }
            Instant at = Instant.parse(parts[0]);
            long entryId = Long.parseLong(parts[1]);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST) || entryId < 1 || !Long.toString(entryId).equals(parts[1])) {
                throw new InvalidQueryException(PARAMETER, REFUSAL);
            }
            return new AccessLogEntry.Position(at, entryId);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
    }
}
