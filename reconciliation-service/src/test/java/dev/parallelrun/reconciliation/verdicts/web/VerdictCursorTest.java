package dev.parallelrun.reconciliation.verdicts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.reconciliation.web.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictCursorTest {

    private static final String VERDICT_ID = "3f2b8c1e-0d4a-4c5e-9f6a-1b2c3d4e5f60";

    @Test
    void readsBackThePositionItWrote() {
        var position = new VerdictStore.Position(Instant.parse("2026-11-02T09:15:31.456Z"), VERDICT_ID);

        assertThat(VerdictCursor.parse(VerdictCursor.of(position))).isEqualTo(position);
    }

    @Test
    void startsAtTheFirstPageWithoutACursor() {
        assertThat(VerdictCursor.parse(null)).isNull();
        assertThat(VerdictCursor.parse(" ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "+1000000000-01-01T00:00:00Z|" + VERDICT_ID, // decoded, then failed binding the query: a 500 (VerdictCursorFuzzTest: a position must fit the query)
            "-0001-12-31T00:00:00Z|" + VERDICT_ID,
            "2026-11-02T09:15:31Z|1-1-1-1-1", // a UUID, but not as this API writes one
            "2026-11-02T09:15:31Z|" + VERDICT_ID + "|extra",
            "2026-11-02T09:15:31Z",
            "tomorrow|" + VERDICT_ID})
    void refusesAPositionThisApiNeverHandedOut(String position) {
        String cursor = Base64.getUrlEncoder().encodeToString(position.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> VerdictCursor.parse(cursor))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("cursor is not a cursor this API returned");
    }

    @Test
    void refusesTextThatIsNotBase64() {
        assertThatThrownBy(() -> VerdictCursor.parse("not base64!"))
                .isInstanceOf(InvalidQueryException.class);
    }
}
