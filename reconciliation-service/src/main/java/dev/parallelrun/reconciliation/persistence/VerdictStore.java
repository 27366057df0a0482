package dev.parallelrun.reconciliation.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The verdicts in PostgreSQL: written in batches and idempotently (a verdict id is stored once, so
 * replaying the verdict topic never duplicates a record), read by the auditor API.
 */
@Repository
public class VerdictStore {

    private static final String COLUMNS = "verdict_id, revision, supersedes, correlation_id, context, outcome_type, "
            + "classification, severity, differences, rule_set_version, legacy_received_at, shadow_received_at, "
            + "decided_at, legacy_event_id, shadow_event_id, legacy_outcome, shadow_outcome";
    private static final String INSERT = "INSERT INTO verdict (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (verdict_id) DO NOTHING";
    private static final TypeReference<List<Difference>> DIFFERENCES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final EventCodec codec = EventCodec.standard();

    public VerdictStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a batch in one transaction and marks superseded verdicts.
     *
     * @return the verdicts that were new (not stored before)
     */
    @Transactional
    public List<Verdict> saveAll(List<Verdict> batch) {
        // one statement must not carry the same key twice: de-duplicate, and store a pair's revisions in order
        Map<String, Verdict> unique = new LinkedHashMap<>();
        for (Verdict verdict : batch) {
            unique.putIfAbsent(verdict.verdictId(), verdict);
        }
        List<Verdict> ordered = new ArrayList<>(unique.values());
        ordered.sort(Comparator.comparingInt(Verdict::revision));
        int[][] counts = jdbc.batchUpdate(INSERT, ordered, 200, (ps, v) -> {
            ps.setObject(1, UUID.fromString(v.verdictId()));
            ps.setInt(2, v.revision());
            ps.setObject(3, v.supersedes() == null ? null : UUID.fromString(v.supersedes()));
            ps.setString(4, v.correlationId());
            ps.setString(5, v.context());
            ps.setString(6, v.outcomeType());
            ps.setString(7, v.classification().name());
            ps.setString(8, v.severity().name());
            ps.setString(9, codec.mapper().writeValueAsString(v.differences()));
            ps.setString(10, v.ruleSetVersion());
            ps.setTimestamp(11, timestamp(v.legacyReceivedAt()));
            ps.setTimestamp(12, timestamp(v.shadowReceivedAt()));
            ps.setTimestamp(13, timestamp(v.decidedAt()));
            ps.setString(14, v.legacyEventId());
            ps.setString(15, v.shadowEventId());
            ps.setString(16, json(v.legacy()));
            ps.setString(17, json(v.shadow()));
        });
        List<Verdict> inserted = new ArrayList<>();
        int index = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Verdict verdict = ordered.get(index++);
                if (count != 0) {
                    inserted.add(verdict);
                }
            }
        }
        List<Object[]> supersessions = ordered.stream().filter(v -> v.supersedes() != null)
                .map(v -> new Object[] {UUID.fromString(v.verdictId()), UUID.fromString(v.supersedes())}).toList();
        if (!supersessions.isEmpty()) {
            jdbc.batchUpdate("UPDATE verdict SET superseded_by = ? WHERE verdict_id = ? AND superseded_by IS NULL",
                    supersessions);
        }
        return inserted;
    }

    /** Current verdicts matching the filter, newest first, after the cursor position if any. */
    public List<StoredVerdict> find(VerdictQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(", superseded_by FROM verdict WHERE superseded_by IS NULL");
        List<Object> args = new ArrayList<>();
        condition(sql, args, " AND context = ?", query.context());
        condition(sql, args, " AND outcome_type = ?", query.outcomeType());
        condition(sql, args, " AND classification = ?", query.classification() == null ? null : query.classification().name());
        condition(sql, args, " AND severity = ?", query.severity() == null ? null : query.severity().name());
        condition(sql, args, " AND decided_at >= ?", timestamp(query.from()));
        condition(sql, args, " AND decided_at < ?", timestamp(query.to()));
        if (query.after() != null) {
            sql.append(" AND (decided_at, verdict_id) < (?, ?)");
            args.add(timestamp(query.after().decidedAt()));
            args.add(UUID.fromString(query.after().verdictId()));
        }
        sql.append(" ORDER BY decided_at DESC, verdict_id DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), this::mapRow, args.toArray());
    }

    /** Every verdict of one business transaction, superseded ones included, by outcome type and revision. */
    public List<StoredVerdict> findByCorrelationId(String correlationId) {
        return jdbc.query("SELECT " + COLUMNS + ", superseded_by FROM verdict WHERE correlation_id = ? "
                + "ORDER BY outcome_type, revision DESC", this::mapRow, correlationId);
    }

    /** Current verdicts decided since the given instant, counted per context, outcome type and classification. */
    public List<ClassificationCount> countSince(Instant since, String context) {
        StringBuilder sql = new StringBuilder("SELECT context, outcome_type, classification, count(*) AS n FROM verdict "
                + "WHERE superseded_by IS NULL AND decided_at >= ?");
        List<Object> args = new ArrayList<>();
        args.add(timestamp(since));
        condition(sql, args, " AND context = ?", context);
        sql.append(" GROUP BY context, outcome_type, classification ORDER BY context, outcome_type");
        return jdbc.query(sql.toString(), (rs, row) -> new ClassificationCount(rs.getString("context"),
                rs.getString("outcome_type"), Classification.valueOf(rs.getString("classification")), rs.getLong("n")),
                args.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> args, String fragment, Object value) {
        if (value != null) {
            sql.append(fragment);
            args.add(value);
        }
    }

    private StoredVerdict mapRow(ResultSet rs, int row) throws SQLException {
        Verdict verdict = new Verdict(rs.getString("verdict_id"), rs.getInt("revision"), rs.getString("supersedes"),
                rs.getString("correlation_id"), rs.getString("context"), rs.getString("outcome_type"),
                Classification.valueOf(rs.getString("classification")), Severity.valueOf(rs.getString("severity")),
                codec.mapper().readValue(rs.getString("differences"), DIFFERENCES), rs.getString("rule_set_version"),
                instant(rs.getTimestamp("legacy_received_at")), instant(rs.getTimestamp("shadow_received_at")),
                instant(rs.getTimestamp("decided_at")), rs.getString("legacy_event_id"), rs.getString("shadow_event_id"),
                tree(rs.getString("legacy_outcome")), tree(rs.getString("shadow_outcome")));
        return new StoredVerdict(verdict, rs.getString("superseded_by"));
    }

    private String json(JsonNode node) {
        return node == null ? null : codec.mapper().writeValueAsString(node);
    }

    private JsonNode tree(String json) {
        return json == null ? null : codec.mapper().readTree(json);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A stored verdict and, if a later verdict replaced it, that verdict's id. */
    public record StoredVerdict(Verdict verdict, String supersededBy) {
        public boolean current() {
            return supersededBy == null;
        }
    }

    /** How many current verdicts of a classification a context and outcome type has. */
    public record ClassificationCount(String context, String outcomeType, Classification classification, long count) {
    }

    /** A filtered, paginated read of current verdicts. {@code null} filters match everything. */
    public record VerdictQuery(String context, String outcomeType, Classification classification, Severity severity,
            Instant from, Instant to, Position after, int limit) {
    }

    /** A keyset position: the last verdict of the previous page. */
    public record Position(Instant decidedAt, String verdictId) {
    }

}
