package dev.parallelrun.reconciliation.replay.persistence;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replay's verdicts next to the verdicts of the intents it replayed: for each replayed intent and outcome type, the
 * current verdict of the replay and the current live verdict of the original (which the replay never changes).
 */
public class ReplayVerdicts {

    /** One replayed pair: the replay's verdict and the original's classification ({@code null} if it has none). */
    public record Row(String correlationId, String originalCorrelationId, int copy, String outcomeType,
            Classification classification, Severity severity, Classification originalClassification,
            Severity originalSeverity, JsonNode differences, String ruleSetVersion, String originalRuleSetVersion,
            JsonNode legacy, JsonNode shadow) {
    }

    /** How many replayed pairs went from one classification to another. */
    public record Change(Classification from, Classification to, long count) {
    }

    private static final String ROWS = "SELECT ri.correlation_id, ri.original_correlation_id, ri.copy, v.outcome_type, "
            + "v.classification, v.severity, o.classification AS original_classification, o.severity AS original_severity, "
            + "v.differences, v.rule_set_version, o.rule_set_version AS original_rule_set_version, v.legacy_outcome, "
            + "v.shadow_outcome FROM replay_intent ri "
            + "JOIN verdict v ON v.correlation_id = ri.correlation_id AND v.superseded_by IS NULL "
            + "LEFT JOIN verdict o ON o.correlation_id = ri.original_correlation_id AND o.outcome_type = v.outcome_type "
            + "AND o.superseded_by IS NULL AND o.replay_id IS NULL ";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public ReplayVerdicts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the replay's verdicts, by replayed correlation id and outcome type, after the given position. */
    public List<Row> page(String replayId, String afterCorrelationId, String afterOutcomeType, int limit) {
        List<Object> args = new ArrayList<>(List.of(replayId));
        StringBuilder sql = new StringBuilder(ROWS).append("WHERE ri.replay_id = ?");
        if (afterCorrelationId != null) {
            sql.append(" AND (ri.correlation_id, v.outcome_type) > (?, ?)");
            args.add(afterCorrelationId);
            args.add(afterOutcomeType);
        }
        sql.append(" ORDER BY ri.correlation_id, v.outcome_type LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Row(rs.getString("correlation_id"),
                rs.getString("original_correlation_id"), rs.getInt("copy"), rs.getString("outcome_type"),
                Classification.valueOf(rs.getString("classification")), Severity.valueOf(rs.getString("severity")),
                classification(rs.getString("original_classification")), severity(rs.getString("original_severity")),
                tree(rs.getString("differences")), rs.getString("rule_set_version"),
                rs.getString("original_rule_set_version"), tree(rs.getString("legacy_outcome")),
                tree(rs.getString("shadow_outcome"))), args.toArray());
    }

    /** Every replayed pair of the run, for a noise analysis (a noise run's sample is bounded). */
    public List<Row> all(String replayId) {
        return page(replayId, null, null, Integer.MAX_VALUE);
    }

    /** Original classification to replay classification, with counts: what a fixed build resolved, what it broke. */
    public List<Change> changes(String replayId) {
        return jdbc.query("SELECT o.classification AS original_classification, v.classification, count(*) AS n "
                + "FROM replay_intent ri JOIN verdict v ON v.correlation_id = ri.correlation_id AND v.superseded_by IS NULL "
                + "LEFT JOIN verdict o ON o.correlation_id = ri.original_correlation_id AND o.outcome_type = v.outcome_type "
                + "AND o.superseded_by IS NULL AND o.replay_id IS NULL WHERE ri.replay_id = ? "
                + "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", (rs, n) -> new Change(
                        classification(rs.getString("original_classification")),
                        Classification.valueOf(rs.getString("classification")), rs.getLong("n")), replayId);
    }

    private static Classification classification(String name) {
        return name == null ? null : Classification.valueOf(name);
    }

    private static Severity severity(String name) {
        return name == null ? null : Severity.valueOf(name);
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
