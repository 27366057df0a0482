package dev.parallelrun.reconciliation.authority.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.reconciliation.authority.application.AuthorityDecision;
import dev.parallelrun.reconciliation.authority.application.DecisionLog;
import dev.parallelrun.reconciliation.authority.domain.AuthorityState;
import dev.parallelrun.reconciliation.readiness.ReadinessReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * The decision log in table {@code authority_decision} (Flyway V5), append-only by a trigger: rows are inserted, and
 * only {@code published_at} is ever set, once. Cohorts and the readiness snapshot are stored as JSON, in the shapes
 * the API answers.
 */
@Repository
class JdbcDecisionLog implements DecisionLog {

    private static final String COLUMNS = "decision_id, context, stage, cohorts, reason, decided_by, decided_at, "
            + "previous_decision_id, previous_stage, previous_cohorts, readiness, override_reason";
    private static final TypeReference<List<Cohort>> COHORTS = new TypeReference<>() {
    };
    /** Two locks per context, in a namespace of their own (the key is hashed from the text). */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    private final JdbcTemplate jdbc;
    private final EventCodec codec = EventCodec.standard();

    JdbcDecisionLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockForDecision(String context) {
        lock("authority_decision:decide:" + context);
    }

    @Override
    public void lockForPublication(String context) {
        lock("authority_decision:publish:" + context);
    }

    private void lock(String key) {
        jdbc.query(LOCK, rs -> {
        }, key);
    }

    @Override
    public void append(AuthorityDecision d) {
        jdbc.update("INSERT INTO authority_decision (" + COLUMNS + ") VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, "
                        + "?::jsonb, ?)",
                UUID.fromString(d.decisionId()), d.context(), d.stage().name(), json(d.cohorts()), d.reason(),
                d.decidedBy(), Timestamp.from(d.decidedAt()),
                d.previous().decisionId() == null ? null : UUID.fromString(d.previous().decisionId()),
                d.previous().stage().name(), json(d.previous().cohorts()), json(d.readiness()), d.override());
    }

    @Override
    public Optional<AuthorityDecision> latest(String context) {
        return jdbc.query("SELECT " + COLUMNS + " FROM authority_decision WHERE context = ? "
                + "ORDER BY decided_at DESC LIMIT 1", this::map, context).stream().findFirst();
    }

    @Override
    public Optional<AuthorityDecision> inForceAt(String context, Instant at) {
        return jdbc.query("SELECT " + COLUMNS + " FROM authority_decision WHERE context = ? AND decided_at <= ? "
                + "ORDER BY decided_at DESC LIMIT 1", this::map, context, Timestamp.from(at)).stream().findFirst();
    }

    @Override
    public List<AuthorityDecision> history(String context) {
        return jdbc.query("SELECT " + COLUMNS + " FROM authority_decision WHERE context = ? ORDER BY decided_at DESC",
                this::map, context);
    }

    @Override
    public List<AuthorityDecision> unpublished(String context) {
        return jdbc.query("SELECT " + COLUMNS + " FROM authority_decision WHERE context = ? AND published_at IS NULL "
                + "ORDER BY decided_at", this::map, context);
    }

    @Override
    public List<String> contextsWithUnpublished() {
        return jdbc.queryForList("SELECT DISTINCT context FROM authority_decision WHERE published_at IS NULL "
                + "ORDER BY context", String.class);
    }

    @Override
    public void markPublished(String decisionId, Instant at) {
        jdbc.update("UPDATE authority_decision SET published_at = ? WHERE decision_id = ? AND published_at IS NULL",
                Timestamp.from(at), UUID.fromString(decisionId));
    }

    private AuthorityDecision map(ResultSet rs, int row) throws SQLException {
        String previousId = rs.getString("previous_decision_id");
        return new AuthorityDecision(rs.getString("decision_id"), rs.getString("context"),
                AuthorityStage.valueOf(rs.getString("stage")), cohorts(rs.getString("cohorts")), rs.getString("reason"),
                rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant(),
                new AuthorityState(previousId, AuthorityStage.valueOf(rs.getString("previous_stage")),
                        cohorts(rs.getString("previous_cohorts"))),
                codec.mapper().readValue(rs.getString("readiness"), ReadinessReport.class),
                rs.getString("override_reason"));
    }

    private List<Cohort> cohorts(String json) {
        return codec.mapper().readValue(json, COHORTS);
    }

    private String json(Object value) {
        return codec.mapper().writeValueAsString(value);
    }
}
