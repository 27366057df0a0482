package dev.parallelrun.reconciliation.verdicts.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.MalformedEventException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.core.exc.StreamConstraintsException;

class StoreFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"22P05", "22001", "22021", "23505", "23502", "23503", "54000"})
    void blamesTheRecordWhenPostgresRefusesItsData(String sqlState) {
        var failure = new DataIntegrityViolationException("refused", new SQLException("refused", sqlState));

        assertThat(StoreFailures.isCausedByData(failure)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "57P01", "57P03", "53100", "53300", "40001", "40P01", "55000", "42P01", "XX000"})
    void neverBlamesTheRecordForTheDatabasesState(String sqlState) {
        var failure = new CannotGetJdbcConnectionException("unavailable",
                new SQLTransientConnectionException("Connection is not available", sqlState));

        assertThat(StoreFailures.isCausedByData(failure)).isFalse();
    }

    @Test
    void neverBlamesTheRecordForAFailureWithoutSqlState() {
        assertThat(StoreFailures.isCausedByData(new IllegalStateException("pool closed"))).isFalse();
        assertThat(StoreFailures.isCausedByData(new CannotGetJdbcConnectionException("no state", new SQLException("?"))))
                .isFalse();
    }

    @Test
    void blamesTheRecordWhenItsOutcomesCannotBeWrittenAsJson() {
        assertThat(StoreFailures.isCausedByData(new StreamConstraintsException("scale 10000 exceeds 9999"))).isTrue();
    }

    @Test
    void readsTheStateOfABatchFromTheStatementThatFailedAndGivesPostgresReasonWithoutTheStatement() {
        var batch = new BatchUpdateException("Batch entry 0 INSERT INTO verdict ... (personal data) was aborted", null,
                0, new int[0]);
        batch.setNextException(new SQLException("ERROR: unsupported Unicode escape sequence", "22P05"));
        var failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT ...]", batch);

        assertThat(StoreFailures.isCausedByData(failure)).isTrue();
        assertThat(StoreFailures.reason(failure))
                .isEqualTo("PostgreSQL refused the verdict (SQLState 22P05): ERROR: unsupported Unicode escape sequence");
    }

    @Test
    void givesTheMalformedEventsOwnMessageAsReason() {
        var failure = new DeserializationException("failed to deserialize", new byte[0], false,
                new MalformedEventException("not a valid CloudEvents JSON object"));

        assertThat(StoreFailures.reason(failure)).isEqualTo("not a valid CloudEvents JSON object");
    }

    @Test
    void boundsTheReason() {
        assertThat(StoreFailures.reason(new IllegalStateException("x".repeat(5000))))
                .hasSize(StoreFailures.MAX_REASON_LENGTH).startsWith("IllegalStateException: xxx");
    }
}
