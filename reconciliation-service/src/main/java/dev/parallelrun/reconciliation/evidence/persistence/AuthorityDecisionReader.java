package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.evidence.application.AuthorityDecisions;
import dev.parallelrun.reconciliation.evidence.domain.AuthorityDecision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Reads a context's authority decisions of a period from {@code authority_decision} (append-only, written by the
 * authority feature). {@code published_at} (when the decision reached its topic) is not read: it changes after the
 * decision and is no evidence of it.
 */
@Repository
class AuthorityDecisionReader implements AuthorityDecisions {

    private final JdbcTemplate jdbc;
    private final EventCodec codec = EventCodec.standard();

    AuthorityDecisionReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AuthorityDecision> decidedBetween(String context, Instant from, Instant to) {
        return jdbc.query("SELECT decision_id, context, stage, cohorts::text AS cohorts, reason, decided_by, decided_at, "
                + "previous_decision_id, previous_stage, previous_cohorts::text AS previous_cohorts, "
                + "readiness::text AS readiness, override_reason FROM authority_decision "
                + "WHERE context = ? AND decided_at >= ? AND decided_at < ? ORDER BY decided_at, decision_id",
                this::mapRow, context, Timestamp.from(from), Timestamp.from(to));
    }

    private AuthorityDecision mapRow(ResultSet rs, int row) throws SQLException {
        return new AuthorityDecision(rs.getString("decision_id"), rs.getString("context"), rs.getString("stage"),
                tree(rs.getString("cohorts")), rs.getString("reason"), rs.getString("decided_by"),
                rs.getTimestamp("decided_at").toInstant(), rs.getString("previous_decision_id"),
                rs.getString("previous_stage"), tree(rs.getString("previous_cohorts")), tree(rs.getString("readiness")),
                rs.getString("override_reason"));
    }

    private JsonNode tree(String json) {
        return json == null ? null : codec.mapper().readTree(json);
    }
}
