package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.reconciliation.evidence.application.ReplayHistory;
import dev.parallelrun.reconciliation.evidence.domain.ReplayRequested;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the replays and noise runs of a period from {@code replay_run} (written by the replay feature): only the columns
 * fixed when a run is requested, never its state or counts.
 */
@Repository
class ReplayRequestReader implements ReplayHistory {

    private final JdbcTemplate jdbc;

    ReplayRequestReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ReplayRequested> requestedBetween(String context, Instant from, Instant to) {
        return jdbc.query("SELECT replay_id, kind, requested_by, requested_at, reason, from_ts, to_ts, classifications, "
                + "coalesce(cardinality(correlation_ids), 0) AS correlation_ids, sample FROM replay_run "
                + "WHERE context = ? AND requested_at >= ? AND requested_at < ? ORDER BY requested_at, replay_id",
                this::mapRow, context, Timestamp.from(from), Timestamp.from(to));
    }

    private ReplayRequested mapRow(ResultSet rs, int row) throws SQLException {
        Array classifications = rs.getArray("classifications");
        return new ReplayRequested(rs.getString("replay_id"), rs.getString("kind"), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("reason"), rs.getTimestamp("from_ts").toInstant(),
                rs.getTimestamp("to_ts").toInstant(),
                classifications == null ? List.of() : Arrays.asList((String[]) classifications.getArray()),
                rs.getInt("correlation_ids"), (Integer) rs.getObject("sample"));
    }
}
