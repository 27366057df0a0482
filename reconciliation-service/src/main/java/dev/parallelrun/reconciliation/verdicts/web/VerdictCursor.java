package dev.parallelrun.reconciliation.verdicts.web;

import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset cursor of {@code GET /api/v1/reconciliations}: the position of the last verdict of a page
 * ({@code decidedAt|verdictId}, URL-safe Base64). A cursor is opaque to clients; anything this API did
 * not hand out is refused with {@link InvalidQueryException} (a 400 problem) before it reaches the query.
 */
final class VerdictCursor {

    /**
     * The instants a verdict's time can have: four-digit years. Beyond them a cursor cannot name a stored
     * verdict, and its time would fail on the way to the database ({@code java.sql.Timestamp}, PostgreSQL's
     * {@code timestamptz} range) with a 500 instead of a 400.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final String PARAMETER = "cursor";
    private static final String REFUSAL = "is not a cursor this API returned";

    private VerdictCursor() {
    }

    /** The cursor of the page that continues after {@code last}. */
    static String after(VerdictStore.StoredVerdict last) {
        return of(new VerdictStore.Position(last.verdict().decidedAt(), last.verdict().verdictId()));
    }

    /** The cursor that continues after {@code position}. */
    static String of(VerdictStore.Position position) {
        String text = position.decidedAt() + "|" + position.verdictId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor names; {@code null} for no cursor (the first page).
     *
     * @throws InvalidQueryException when {@code cursor} is not one this API returned
     */
    static VerdictStore.Position parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
        if (parts.length != 2) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
        Instant decidedAt;
        UUID verdictId;
        try {
            decidedAt = Instant.parse(parts[0]);
            verdictId = UUID.fromString(parts[1]);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
        if (decidedAt.isBefore(EARLIEST) || decidedAt.isAfter(LATEST) || !verdictId.toString().equals(parts[1])) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
        return new VerdictStore.Position(decidedAt, parts[1]);
    }
}
