package dev.parallelrun.reconciliation.verdicts.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;

/**
 * Coverage-guided fuzzing of the keyset cursor of {@code GET /api/v1/reconciliations}. Whatever a client
 * sends as {@code cursor}, the decoder answers with a position the query can use or an
 * {@link InvalidQueryException} (a 400 problem); any other throwable, or a position the database would
 * refuse, is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the corpus in {@code VerdictCursorFuzzTestInputs/} as a
 * regression test; see docs/development.md for a fuzzing session.
 */
class VerdictCursorFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodesAnyCursorIntoAUsablePositionOrAnInvalidQuery(byte[] input) {
        // the servlet container hands the query parameter over as decoded UTF-8 text
        String cursor = new String(input, StandardCharsets.UTF_8);
        VerdictStore.Position position;
        try {
            position = VerdictCursor.parse(cursor);
        } catch (InvalidQueryException refused) {
            assertThat(refused.parameter()).isEqualTo("cursor");
            return;
        }
        if (position == null) {
            assertThat(cursor).isBlank();
            return;
        }
        // what the query does with it
        assertThat(Timestamp.from(position.decidedAt()).toInstant()).isEqualTo(position.decidedAt());
        assertThat(java.util.UUID.fromString(position.verdictId()).toString()).isEqualTo(position.verdictId());
        assertThat(VerdictCursor.parse(VerdictCursor.of(position))).isEqualTo(position);
    }
}
