package dev.parallelrun.reconciliation.cases.web;

import dev.parallelrun.reconciliation.cases.application.CasePosition;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The keyset cursor of {@code GET /api/v1/cases}: the position of a page's last case ({@code openedAt|caseId},
 * URL-safe Base64), opaque to clients; anything this API did not hand out is a 400 problem.
 */
final class CaseCursor {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final String PARAMETER = "cursor";
    private static final String REFUSAL = "is not a cursor this API returned";

    private CaseCursor() {
    }

    static String after(DivergenceCase last) {
        String text = last.openedAt() + "|" + last.caseId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; {@code null} for none (the first page). */
    static CasePosition parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 2) {
                throw new InvalidQueryException(PARAMETER, REFUSAL);
            }
            Instant openedAt = Instant.parse(parts[0]);
            UUID caseId = UUID.fromString(parts[1]);
            if (openedAt.isBefore(EARLIEST) || openedAt.isAfter(LATEST) || !caseId.toString().equals(parts[1])) {
                throw new InvalidQueryException(PARAMETER, REFUSAL);
            }
            return new CasePosition(openedAt, parts[1]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidQueryException(PARAMETER, REFUSAL);
        }
    }
}
