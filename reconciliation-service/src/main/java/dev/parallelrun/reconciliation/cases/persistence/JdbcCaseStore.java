package dev.parallelrun.reconciliation.cases.persistence;

import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.reconciliation.cases.application.CaseFilter;
import dev.parallelrun.reconciliation.cases.application.CasePosition;
import dev.parallelrun.reconciliation.cases.application.CaseStore;
import dev.parallelrun.reconciliation.cases.domain.CaseCategory;
import dev.parallelrun.reconciliation.cases.domain.CaseHistoryEntry;
import dev.parallelrun.reconciliation.cases.domain.CaseState;
import dev.parallelrun.reconciliation.cases.domain.DivergenceCase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link CaseStore} on the {@code divergence_case} and {@code divergence_case_history} tables. */
public class JdbcCaseStore implements CaseStore {

    private static final String COLUMNS = "case_id, correlation_id, context, outcome_type, state, category, variance_id, "
            + "assignee, ticket, severity, classification, verdict_id, opened_at, updated_at, resolved_at, version";
    /**
     * The pairs of a batch, looked up one by one through the pair's index: a lateral subquery fenced with
     * {@code OFFSET 0} cannot be flattened into a hash join, which is what the planner picks for an {@code IN (unnest)}
     * while a fast-growing table's statistics still say it is small: a scan of every row per batch (quadratic).
     */
    private static String pairLookup(String table, String columns) {
        return "SELECT " + columns + " FROM unnest(?::varchar[], ?::varchar[]) AS p(pair_correlation_id, pair_outcome_type) "
                + "CROSS JOIN LATERAL (SELECT * FROM " + table + " t WHERE t.correlation_id = p.pair_correlation_id "
                + "AND t.outcome_type = p.pair_outcome_type OFFSET 0) pair_row";
    }

    private static final String CURRENT_VERDICTS = pairLookup("verdict", "verdict_id, correlation_id, context, "
            + "outcome_type, classification, severity") + " WHERE superseded_by IS NULL AND replay_id IS NULL";
    private static final String LOCK_PAIRS = pairLookup("divergence_case", COLUMNS) + " ORDER BY case_id FOR UPDATE OF pair_row";
    private static final String INSERT = "INSERT INTO divergence_case (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (correlation_id, outcome_type) DO NOTHING";
    private static final String UPDATE = "UPDATE divergence_case SET state = ?, category = ?, variance_id = ?, "
            + "assignee = ?, ticket = ?, severity = ?, classification = ?, verdict_id = ?, opened_at = ?, updated_at = ?, "
            + "resolved_at = ?, version = ? WHERE case_id = ? AND version = ?";
    private static final String APPEND = "INSERT INTO divergence_case_history (case_id, at, actor, from_state, to_state, "
            + "category, variance_id, note, assignee, ticket, verdict_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public JdbcCaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CurrentVerdict> currentVerdicts(Collection<Pair> pairs) {
        return jdbc.query(con -> pairsStatement(con.prepareStatement(CURRENT_VERDICTS), pairs),
                (rs, row) -> new CurrentVerdict(rs.getString("verdict_id"), rs.getString("correlation_id"),
                        rs.getString("context"), rs.getString("outcome_type"),
                        Classification.valueOf(rs.getString("classification")), Severity.valueOf(rs.getString("severity"))));
    }

    @Override
    public Map<Pair, DivergenceCase> lockByPairs(Collection<Pair> pairs) {
        Map<Pair, DivergenceCase> cases = new LinkedHashMap<>();
        for (DivergenceCase found : jdbc.query(con -> pairsStatement(con.prepareStatement(LOCK_PAIRS), pairs),
                JdbcCaseStore::mapCase)) {
            cases.put(new Pair(found.correlationId(), found.outcomeType()), found);
        }
        return cases;
    }

    private static PreparedStatement pairsStatement(PreparedStatement ps, Collection<Pair> pairs) throws SQLException {
        ps.setArray(1, ps.getConnection().createArrayOf("varchar", pairs.stream().map(Pair::correlationId).toArray()));
        ps.setArray(2, ps.getConnection().createArrayOf("varchar", pairs.stream().map(Pair::outcomeType).toArray()));
        return ps;
    }

    @Override
    public Optional<DivergenceCase> lock(String caseId) {
        UUID id = uuid(caseId);
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM divergence_case WHERE case_id = ? FOR UPDATE",
                JdbcCaseStore::mapCase, id).stream().findFirst();
    }

    @Override
    public List<DivergenceCase> lockMatching(CaseFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM divergence_case WHERE true");
        List<Object> args = new ArrayList<>();
        where(sql, args, filter);
        sql.append(" ORDER BY case_id FOR UPDATE");
        return jdbc.query(sql.toString(), JdbcCaseStore::mapCase, args.toArray());
    }

    @Override
    public Optional<DivergenceCase> find(String caseId) {
        UUID id = uuid(caseId);
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM divergence_case WHERE case_id = ?", JdbcCaseStore::mapCase, id)
                .stream().findFirst();
    }

    @Override
    public List<DivergenceCase> find(CaseFilter filter, CasePosition after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM divergence_case WHERE true");
        List<Object> args = new ArrayList<>();
        where(sql, args, filter);
        if (after != null) {
            sql.append(" AND (opened_at, case_id) < (?, ?)");
            args.add(Timestamp.from(after.openedAt()));
            args.add(UUID.fromString(after.caseId()));
        }
        sql.append(" ORDER BY opened_at DESC, case_id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), JdbcCaseStore::mapCase, args.toArray());
    }

    private static void where(StringBuilder sql, List<Object> args, CaseFilter filter) {
        condition(sql, args, " AND context = ?", filter.context());
        condition(sql, args, " AND outcome_type = ?", filter.outcomeType());
        condition(sql, args, " AND state = ?", filter.state() == null ? null : filter.state().name());
        condition(sql, args, " AND severity = ?", filter.severity() == null ? null : filter.severity().name());
        condition(sql, args, " AND category = ?", filter.category() == null ? null : filter.category().name());
        condition(sql, args, " AND assignee = ?", filter.assignee());
        condition(sql, args, " AND correlation_id = ?", filter.correlationId());
    }

    private static void condition(StringBuilder sql, List<Object> args, String fragment, Object value) {
        if (value != null) {
            sql.append(fragment);
            args.add(value);
        }
    }

    @Override
    public List<CaseHistoryEntry> history(String caseId) {
        UUID id = uuid(caseId);
        if (id == null) {
            return List.of();
        }
        return jdbc.query("SELECT at, actor, from_state, to_state, category, variance_id, note, assignee, ticket, "
                + "verdict_id FROM divergence_case_history WHERE case_id = ? ORDER BY entry_id", (rs, row) ->
                new CaseHistoryEntry(instant(rs.getTimestamp("at")), rs.getString("actor"),
                        state(rs.getString("from_state")), state(rs.getString("to_state")),
                        category(rs.getString("category")), rs.getString("variance_id"), rs.getString("note"),
                        rs.getString("assignee"), rs.getString("ticket"), rs.getString("verdict_id")), id);
    }

    @Override
    public void open(DivergenceCase opened, CaseHistoryEntry entry) {
        int inserted = jdbc.update(INSERT, UUID.fromString(opened.caseId()), opened.correlationId(), opened.context(),
                opened.outcomeType(), opened.state().name(), name(opened.category()), opened.variance(),
                opened.assignee(), opened.ticket(), opened.severity().name(), opened.classification().name(),
                UUID.fromString(opened.verdictId()), Timestamp.from(opened.openedAt()), Timestamp.from(opened.updatedAt()),
                timestamp(opened.resolvedAt()), opened.version());
        if (inserted == 1) {
            append(opened.caseId(), entry);
        }
    }

    @Override
    public boolean update(DivergenceCase updated, long expectedVersion, CaseHistoryEntry entry) {
        int changed = jdbc.update(UPDATE, updated.state().name(), name(updated.category()), updated.variance(),
                updated.assignee(), updated.ticket(), updated.severity().name(), updated.classification().name(),
                UUID.fromString(updated.verdictId()), Timestamp.from(updated.openedAt()),
                Timestamp.from(updated.updatedAt()), timestamp(updated.resolvedAt()), updated.version(),
                UUID.fromString(updated.caseId()), expectedVersion);
        if (changed == 1) {
            append(updated.caseId(), entry);
        }
        return changed == 1;
    }

    private void append(String caseId, CaseHistoryEntry entry) {
        jdbc.update(APPEND, UUID.fromString(caseId), Timestamp.from(entry.at()), entry.actor(),
                entry.from() == null ? null : entry.from().name(), entry.to().name(), name(entry.category()),
                entry.variance(), entry.note(), entry.assignee(), entry.ticket(), UUID.fromString(entry.verdictId()));
    }

    @Override
    public List<Count> counts() {
        return jdbc.query("SELECT context, state, category, count(*) AS n FROM divergence_case GROUP BY 1, 2, 3",
                (rs, row) -> new Count(rs.getString("context"), state(rs.getString("state")),
                        category(rs.getString("category")), rs.getLong("n")));
    }

    @Override
    public Map<String, Instant> oldestOpen() {
        Map<String, Instant> oldest = new LinkedHashMap<>();
        jdbc.query("SELECT context, min(opened_at) AS oldest FROM divergence_case "
                + "WHERE state IN ('OPEN', 'ACKNOWLEDGED') GROUP BY context",
                rs -> {
                    oldest.put(rs.getString("context"), instant(rs.getTimestamp("oldest")));
                });
        return oldest;
    }

    private static DivergenceCase mapCase(ResultSet rs, int row) throws SQLException {
        return new DivergenceCase(rs.getString("case_id"), rs.getString("correlation_id"), rs.getString("context"),
                rs.getString("outcome_type"), state(rs.getString("state")), category(rs.getString("category")),
                rs.getString("variance_id"), rs.getString("assignee"), rs.getString("ticket"),
                Severity.valueOf(rs.getString("severity")), Classification.valueOf(rs.getString("classification")),
                rs.getString("verdict_id"), instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("resolved_at")), rs.getLong("version"));
    }

    /** A case id as UUID; {@code null} for text that is none (no such case, rather than a database error). */
    private static UUID uuid(String caseId) {
        try {
            return UUID.fromString(caseId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CaseState state(String name) {
        return name == null ? null : CaseState.valueOf(name);
    }

    private static CaseCategory category(String name) {
        return name == null ? null : CaseCategory.valueOf(name);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
