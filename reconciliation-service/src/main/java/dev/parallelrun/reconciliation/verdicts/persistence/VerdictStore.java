package dev.parallelrun.reconciliation.verdicts.persistence;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.VerdictFollowUp;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
            + "decided_at, legacy_event_id, shadow_event_id, legacy_outcome, shadow_outcome, replay_id";
    private static final String INSERT = "INSERT INTO verdict (" + COLUMNS + ", superseded_by) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (verdict_id) DO NOTHING";
    private static final String LOCK_PAIRS = "SELECT pg_advisory_xact_lock(k.key) FROM unnest(?::bigint[]) "
            + "WITH ORDINALITY AS k(key, n) ORDER BY k.n";
    /**
     * The batch's statements are planned for their arguments every time. A plan PostgreSQL caches for a prepared
     * statement (after five executions) keeps the row counts it was made with: made while the table was empty, an
     * index lookup stays a sequential scan as the table grows (measured: 0.4 s a batch at 100,000 verdicts, and
     * 24 s for the lateral lookup below, until the next ANALYZE invalidates it). Planning a batch's few statements
     * costs well under a millisecond.
     */
    private static final String PLAN_EACH_STATEMENT = "SET LOCAL plan_cache_mode = force_custom_plan";
    /**
     * Each pair looked up through its index: a lateral subquery fenced with {@code OFFSET 0} cannot be flattened into
     * the hash join the planner picks for an {@code IN (unnest)} while the fast-growing table's statistics still say it
     * is small (a scan of every current verdict per batch: 0.13 s a batch at 20,000 verdicts, and growing).
     */
    private static final String CURRENT_OF_PAIRS = "SELECT verdict_id, revision, decided_at, correlation_id, outcome_type "
            + "FROM unnest(?::varchar[], ?::varchar[]) AS p(pair_correlation_id, pair_outcome_type) CROSS JOIN LATERAL "
            + "(SELECT * FROM verdict v WHERE v.correlation_id = p.pair_correlation_id "
            + "AND v.outcome_type = p.pair_outcome_type OFFSET 0) pair_verdict WHERE superseded_by IS NULL";
    private static final String SUPERSEDE = "UPDATE verdict SET superseded_by = ? WHERE verdict_id = ? AND superseded_by IS NULL";
    /** Rows an export holds at a time: enough to keep round trips few, small enough for any heap. */
    static final int EXPORT_FETCH_SIZE = 500;
    private static final TypeReference<List<Difference>> DIFFERENCES = new TypeReference<>() {
    };

    /**
     * Which of two verdicts of a pair is the later one, the same way on every instance and whatever the order
     * they arrive in: the higher revision (the correlation decides revision n+1 only after revision n), then the
     * later decision (to the microsecond PostgreSQL keeps), then the higher verdict id.
     */
    static final Comparator<Verdict> LATEST = Comparator.comparingInt(Verdict::revision)
            .thenComparing(v -> v.decidedAt().truncatedTo(ChronoUnit.MICROS))
            .thenComparing(v -> UUID.fromString(v.verdictId()).toString());

    private final JdbcTemplate jdbc;
    private final ObjectProvider<VerdictFollowUp> followUps;
    private final EventCodec codec = EventCodec.standard();

    /** @param followUps what must be stored with new verdicts, in their transaction (divergence cases) */
    public VerdictStore(JdbcTemplate jdbc, ObjectProvider<VerdictFollowUp> followUps) {
        this.jdbc = jdbc;
        this.followUps = followUps;
    }

    /**
     * Stores a batch in one transaction, idempotently (a verdict id already stored is left as it is), and
     * keeps exactly one current verdict per (correlation id, outcome type): the {@link #LATEST} of all its
     * verdicts stored so far, whatever order they arrive in; every other one names a verdict that superseded it.
     *
     * <p>Writers of the same pair (two sink instances during a rebalance, a replay) are serialised by a
     * transaction-scoped advisory lock per pair, taken in one global order so that two batches never deadlock;
     * the partial unique index {@code verdict_one_current_per_pair} holds the rule even against other writers.
     *
     * <p>The {@link VerdictFollowUp}s get the new verdicts in the same transaction: if one fails, nothing of the batch
     * is stored.
     *
     * @return the verdicts that were new (not stored before)
     */
    @Transactional
    public List<Verdict> saveAll(List<Verdict> batch) {
        // one statement must not carry the same key twice: de-duplicate
        Map<String, Verdict> unique = new LinkedHashMap<>();
        for (Verdict verdict : batch) {
            unique.putIfAbsent(UUID.fromString(verdict.verdictId()).toString(), verdict);
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        Map<Pair, List<Verdict>> byPair = new LinkedHashMap<>();
        for (Verdict verdict : unique.values()) {
            byPair.computeIfAbsent(new Pair(verdict.correlationId(), verdict.outcomeType()), p -> new ArrayList<>())
                    .add(verdict);
        }
        jdbc.execute(PLAN_EACH_STATEMENT);
        lock(byPair.keySet());
        Map<Pair, Verdict> current = currentOf(byPair.keySet());

        // A verdict of the batch may be stored already (a redelivery): the current verdict is the LATEST of every
        // verdict stored for its pair, so a stored one is never later than it, and is the latest only when it is the
        // current one itself (same id). Its insert then does nothing (ON CONFLICT), and nothing is superseded.
        List<Object[]> supersessions = new ArrayList<>();
        List<Insert> inserts = new ArrayList<>();
        for (Map.Entry<Pair, List<Verdict>> entry : byPair.entrySet()) {
            List<Verdict> candidates = entry.getValue();
            Verdict now = current.get(entry.getKey());
            Verdict latest = candidates.stream().max(LATEST).orElseThrow();
            if (now != null && LATEST.compare(now, latest) >= 0) {
                latest = now;
            }
            UUID latestId = UUID.fromString(latest.verdictId());
            if (now != null && latest != now) {
                supersessions.add(new Object[] {latestId, UUID.fromString(now.verdictId())});
            }
            for (Verdict verdict : candidates) {
                boolean isLatest = UUID.fromString(verdict.verdictId()).equals(latestId);
                inserts.add(new Insert(verdict, isLatest ? null : latestId));
            }
        }
        // the old current verdict steps down before the new one arrives: the unique index allows one at a time
        if (!supersessions.isEmpty()) {
            jdbc.batchUpdate(SUPERSEDE, supersessions);
        }
        int[][] counts = jdbc.batchUpdate(INSERT, inserts, 200, (ps, insert) -> {
            Verdict v = insert.verdict();
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
            ps.setString(18, v.replayId());
            ps.setObject(19, insert.supersededBy());
        });
        List<Verdict> inserted = new ArrayList<>();
        int index = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                Verdict verdict = inserts.get(index++).verdict();
                if (count != 0) {
                    inserted.add(verdict);
                }
            }
        }
        if (!inserted.isEmpty()) {
            List<Verdict> fresh = List.copyOf(inserted);
            followUps.orderedStream().forEach(followUp -> followUp.stored(fresh));
        }
        return inserted;
    }

    private void lock(Set<Pair> pairs) {
        Long[] keys = pairs.stream().map(Pair::lockKey).distinct().sorted().toArray(Long[]::new);
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(LOCK_PAIRS);
            ps.setArray(1, con.createArrayOf("bigint", keys));
            return ps;
        }, rs -> {
        });
    }

    private Map<Pair, Verdict> currentOf(Set<Pair> pairs) {
        String[] correlationIds = pairs.stream().map(Pair::correlationId).toArray(String[]::new);
        String[] outcomeTypes = pairs.stream().map(Pair::outcomeType).toArray(String[]::new);
        Map<Pair, Verdict> current = new HashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(CURRENT_OF_PAIRS);
            ps.setArray(1, con.createArrayOf("varchar", correlationIds));
            ps.setArray(2, con.createArrayOf("varchar", outcomeTypes));
            return ps;
        }, rs -> {
            // only what the order of verdicts needs
            current.put(new Pair(rs.getString("correlation_id"), rs.getString("outcome_type")),
                    new Verdict(rs.getString("verdict_id"), rs.getInt("revision"), null, rs.getString("correlation_id"),
                            null, rs.getString("outcome_type"), null, null, null, null, null, null,
                            instant(rs.getTimestamp("decided_at")), null, null, null, null, null));
        });
        return current;
    }

    /** The key verdicts supersede each other under. */
    private record Pair(String correlationId, String outcomeType) {
        long lockKey() {
            return UUID.nameUUIDFromBytes((correlationId + '\0' + outcomeType).getBytes(StandardCharsets.UTF_8))
                    .getMostSignificantBits();
        }
    }

    private record Insert(Verdict verdict, UUID supersededBy) {
    }

    /** Current verdicts matching the filter, newest first, after the cursor position if any. */
    public List<StoredVerdict> find(VerdictQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = select(query, args);
        if (query.after() != null) {
            sql.append(" AND (decided_at, verdict_id) < (?, ?)");
            args.add(timestamp(query.after().decidedAt()));
            args.add(UUID.fromString(query.after().verdictId()));
        }
        sql.append(" ORDER BY decided_at DESC, verdict_id DESC LIMIT ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), this::mapRow, args.toArray());
    }

    /**
     * Every current verdict matching the filter of {@code query} (its position and limit are ignored), newest first
     * like {@link #find}, handed to {@code each} one at a time: an export of millions of rows in constant memory.
     * PostgreSQL streams a result set only from a server-side cursor, which its driver opens for a forward-only
     * statement with a fetch size inside a transaction (not in auto-commit): hence the read-only transaction, and
     * {@value #EXPORT_FETCH_SIZE} rows in memory at a time. Whatever {@code each} throws (a client that went away)
     * ends the query, closes the cursor and returns the connection.
     */
    @Transactional(readOnly = true)
    public void forEach(VerdictQuery query, Consumer<StoredVerdict> each) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = select(query, args).append(" ORDER BY decided_at DESC, verdict_id DESC");
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(EXPORT_FETCH_SIZE);
            new ArgumentPreparedStatementSetter(args.toArray()).setValues(ps);
            return ps;
        }, (RowCallbackHandler) rs -> each.accept(mapRow(rs, 0)));
    }

    /** The select of current verdicts matching the filters of {@code query}, live traffic unless it names a replay. */
    private static StringBuilder select(VerdictQuery query, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(", superseded_by FROM verdict WHERE superseded_by IS NULL");
        // live traffic by default; a replay's verdicts when asked for by its id
        if (query.replayId() == null) {
            sql.append(" AND replay_id IS NULL");
        } else {
            condition(sql, args, " AND replay_id = ?", query.replayId());
        }
        condition(sql, args, " AND context = ?", query.context());
        condition(sql, args, " AND outcome_type = ?", query.outcomeType());
        condition(sql, args, " AND classification = ?", query.classification() == null ? null : query.classification().name());
        condition(sql, args, " AND severity = ?", query.severity() == null ? null : query.severity().name());
        condition(sql, args, " AND decided_at >= ?", timestamp(query.from()));
        condition(sql, args, " AND decided_at < ?", timestamp(query.to()));
        return sql;
    }

    /** Every verdict of one business transaction, superseded ones included, by outcome type and revision. */
    public List<StoredVerdict> findByCorrelationId(String correlationId) {
        return jdbc.query("SELECT " + COLUMNS + ", superseded_by FROM verdict WHERE correlation_id = ? "
                + "ORDER BY outcome_type, revision DESC", this::mapRow, correlationId);
    }

    /** Current verdicts decided since the given instant, counted per context, outcome type and classification. */
    public List<ClassificationCount> countSince(Instant since, String context) {
        StringBuilder sql = new StringBuilder("SELECT context, outcome_type, classification, count(*) AS n FROM verdict "
                + "WHERE superseded_by IS NULL AND replay_id IS NULL AND decided_at >= ?");
        List<Object> args = new ArrayList<>();
        args.add(timestamp(since));
        condition(sql, args, " AND context = ?", context);
        sql.append(" GROUP BY context, outcome_type, classification ORDER BY context, outcome_type");
        return jdbc.query(sql.toString(), (rs, row) -> new ClassificationCount(rs.getString("context"),
                rs.getString("outcome_type"), Classification.valueOf(rs.getString("classification")), rs.getLong("n")),
                args.toArray());
    }

    /**
     * Current verdicts of one context decided in {@code [from, to)}, counted per hour (UTC, by {@code decided_at}),
     * outcome type, classification, severity and rule-set version: the finest grain the evidence pack sums up
     * (hourly match rates, classification x severity, rule sets that decided). The same verdicts the match-rate
     * endpoint counts: current ones only, by decision time.
     */
    public List<HourlyCount> countByHour(String context, Instant from, Instant to) {
        // the hour as epoch hours: independent of the session's time zone
        return jdbc.query("SELECT floor(extract(epoch FROM decided_at) / 3600)::bigint AS hour, outcome_type, "
                + "classification, severity, rule_set_version, count(*) AS n FROM verdict "
                + "WHERE superseded_by IS NULL AND replay_id IS NULL AND context = ? AND decided_at >= ? AND decided_at < ? "
                + "GROUP BY 1, outcome_type, classification, severity, rule_set_version "
                + "ORDER BY 1, outcome_type, classification, severity, rule_set_version",
                (rs, row) -> new HourlyCount(Instant.ofEpochSecond(rs.getLong("hour") * 3600), rs.getString("outcome_type"),
                        Classification.valueOf(rs.getString("classification")), Severity.valueOf(rs.getString("severity")),
                        rs.getString("rule_set_version"), rs.getLong("n")),
                context, timestamp(from), timestamp(to));
    }

    /**
     * Current live verdicts decided in {@code [from, to)}, counted per time bucket of {@code stepSeconds} (aligned to
     * the epoch, so a one-hour step gives UTC hours as {@link #countByHour} does), context, outcome type and
     * classification: the match rate over time the console draws. The same verdicts the match-rate endpoint counts.
     */
    public List<BucketCount> countByBucket(String context, Instant from, Instant to, long stepSeconds) {
        StringBuilder sql = new StringBuilder("SELECT floor(extract(epoch FROM decided_at) / ?)::bigint AS bucket, context, "
                + "outcome_type, classification, count(*) AS n FROM verdict "
                + "WHERE superseded_by IS NULL AND replay_id IS NULL AND decided_at >= ? AND decided_at < ?");
        List<Object> args = new ArrayList<>(List.of(stepSeconds, timestamp(from), timestamp(to)));
        condition(sql, args, " AND context = ?", context);
        sql.append(" GROUP BY 1, context, outcome_type, classification ORDER BY 1, context, outcome_type");
        return jdbc.query(sql.toString(), (rs, row) -> new BucketCount(
                Instant.ofEpochSecond(rs.getLong("bucket") * stepSeconds), rs.getString("context"),
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
                tree(rs.getString("legacy_outcome")), tree(rs.getString("shadow_outcome")), rs.getString("replay_id"));
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

    /** How many current verdicts of a classification a context and outcome type has in the bucket starting at {@code start}. */
    public record BucketCount(Instant start, String context, String outcomeType, Classification classification, long count) {
    }

    /** How many current verdicts of one hour have this outcome type, classification, severity and rule-set version. */
    public record HourlyCount(Instant hour, String outcomeType, Classification classification, Severity severity,
            String ruleSetVersion, long count) {
    }

    /**
     * A filtered, paginated read of current verdicts. {@code null} filters match everything, except
     * {@code replayId}: {@code null} reads live traffic only, a replay id that replay's verdicts only.
     */
    public record VerdictQuery(String context, String outcomeType, Classification classification, Severity severity,
            Instant from, Instant to, Position after, int limit, String replayId) {

        public VerdictQuery(String context, String outcomeType, Classification classification, Severity severity,
                Instant from, Instant to, Position after, int limit) {
            this(context, outcomeType, classification, severity, from, to, after, limit, null);
        }
    }

    /** A keyset position: the last verdict of the previous page. */
    public record Position(Instant decidedAt, String verdictId) {
    }

}
