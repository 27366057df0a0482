package dev.parallelrun.reconciliation.replay.persistence;

import dev.parallelrun.events.ReplayKind;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.replay.application.ReplayRun;
import dev.parallelrun.reconciliation.replay.application.ReplayRuns;
import dev.parallelrun.reconciliation.replay.application.SelectedIntent;
import dev.parallelrun.reconciliation.replay.domain.ReplayPhase;
import dev.parallelrun.reconciliation.replay.domain.ReplayState;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link ReplayRuns} on the {@code replay_run} and {@code replay_intent} tables. */
public class JdbcReplayRuns implements ReplayRuns {

    private static final TypeReference<TreeMap<Integer, Long>> OFFSETS = new TypeReference<>() {
    };
    private static final String COLUMNS = "replay_id, kind, context, from_ts, to_ts, classifications, correlation_ids, "
            + "sample, reason, rate_per_second, requested_by, requested_at, start_offsets, end_offsets, state, phase, "
            + "selected, published, failure, cancelled_by, finished_at";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JdbcReplayRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(ReplayRun run) {
        jdbc.update("INSERT INTO replay_run (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?::varchar[], ?::varchar[], ?, ?, ?, ?, ?, "
                + "?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)",
                run.replayId(), run.kind().name(), run.context(), ts(run.from()), ts(run.to()),
                array(run.classifications().stream().map(Enum::name).sorted().toList()),
                array(run.correlationIds().stream().sorted().toList()), run.sample(), run.reason(), run.ratePerSecond(),
                run.requestedBy(), ts(run.requestedAt()), json.writeValueAsString(new TreeMap<>(run.startOffsets())),
                json.writeValueAsString(new TreeMap<>(run.endOffsets())), run.state().name(), run.phase().name(),
                run.selected(), run.published(), run.failure(), run.cancelledBy(), ts(run.finishedAt()));
    }

    @Override
    public Optional<ReplayRun> find(String replayId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM replay_run WHERE replay_id = ?", this::run, replayId)
                .stream().findFirst();
    }

    @Override
    public List<ReplayRun> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM replay_run ORDER BY requested_at DESC, replay_id LIMIT ?", this::run,
                limit);
    }

    @Override
    @Transactional
    public Optional<ReplayRun> claim(String owner, Instant now, Instant leaseUntil) {
        List<String> ids = jdbc.queryForList("SELECT replay_id FROM replay_run WHERE state = 'RUNNING' "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                String.class, ts(now));
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("UPDATE replay_run SET lease_owner = ?, lease_until = ? WHERE replay_id = ?", owner, ts(leaseUntil),
                ids.get(0));
        return find(ids.get(0));
    }

    @Override
    public boolean renew(String replayId, String owner, long published, Instant leaseUntil) {
        // the progress is a fact whatever the state (a cancelled run keeps what it published); the lease only runs on
        List<String> states = jdbc.queryForList("UPDATE replay_run SET published = ?, lease_until = CASE WHEN state = "
                + "'RUNNING' THEN ? ELSE lease_until END WHERE replay_id = ? AND lease_owner = ? RETURNING state",
                String.class, published, ts(leaseUntil), replayId, owner);
        return states.size() == 1 && ReplayState.RUNNING.name().equals(states.get(0));
    }

    @Override
    public void release(String replayId, String owner) {
        jdbc.update("UPDATE replay_run SET lease_until = NULL, lease_owner = NULL WHERE replay_id = ? AND lease_owner = ?",
                replayId, owner);
    }

    @Override
    public void select(Collection<SelectedIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO replay_intent (replay_id, original_event_id, copy, original_correlation_id, event_id, "
                + "correlation_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", new ArrayList<>(intents), 500,
                (ps, intent) -> {
                    ps.setString(1, intent.replayId());
                    ps.setString(2, intent.originalEventId());
                    ps.setInt(3, intent.copy());
                    ps.setString(4, intent.originalCorrelationId());
                    ps.setString(5, intent.eventId());
                    ps.setString(6, intent.correlationId());
                });
    }

    @Override
    public void selectionDone(String replayId, long selected) {
        jdbc.update("UPDATE replay_run SET selected = ?, phase = 'PUBLISHING' WHERE replay_id = ? AND phase = 'SELECTING'",
                selected, replayId);
    }

    @Override
    public Map<String, List<SelectedIntent>> selected(String replayId, Collection<String> originalEventIds) {
        Map<String, List<SelectedIntent>> byOriginal = new LinkedHashMap<>();
        if (originalEventIds.isEmpty()) {
            return byOriginal;
        }
        jdbc.query("SELECT replay_id, original_event_id, copy, original_correlation_id, event_id, correlation_id "
                + "FROM replay_intent WHERE replay_id = ? AND original_event_id = ANY(?::varchar[]) "
                + "ORDER BY original_event_id, copy", rs -> {
                    SelectedIntent intent = selected(rs);
                    byOriginal.computeIfAbsent(intent.originalEventId(), k -> new ArrayList<>()).add(intent);
                }, replayId, array(List.copyOf(originalEventIds)));
        return byOriginal;
    }

    @Override
    public List<SelectedIntent> selectedIntents(String replayId) {
        return jdbc.query("SELECT replay_id, original_event_id, copy, original_correlation_id, event_id, correlation_id "
                + "FROM replay_intent WHERE replay_id = ? ORDER BY original_event_id, copy", (rs, n) -> selected(rs),
                replayId);
    }

    @Override
    public boolean finish(String replayId, ReplayState state, long published, String failure, Instant at) {
        return jdbc.update("UPDATE replay_run SET state = ?, phase = 'DONE', published = ?, failure = ?, finished_at = ?, "
                + "lease_owner = NULL, lease_until = NULL WHERE replay_id = ? AND state = 'RUNNING'", state.name(),
                published, failure, ts(at), replayId) == 1;
    }

    @Override
    public boolean cancel(String replayId, String by, Instant at) {
        return jdbc.update("UPDATE replay_run SET state = 'CANCELLED', cancelled_by = ?, finished_at = ? "
                + "WHERE replay_id = ? AND state = 'RUNNING'", by, ts(at), replayId) == 1;
    }

    @Override
    public List<RunCount> counts() {
        return jdbc.query("SELECT context, kind, state, count(*) AS runs, coalesce(sum(selected), 0) AS selected, "
                + "sum(published) AS published FROM replay_run GROUP BY context, kind, state ORDER BY 1, 2, 3",
                (rs, n) -> new RunCount(rs.getString("context"), rs.getString("kind"), rs.getString("state"),
                        rs.getLong("runs"), rs.getLong("selected"), rs.getLong("published")));
    }

    @Override
    public long decided(String replayId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM verdict WHERE replay_id = ? AND superseded_by IS NULL",
                Long.class, replayId);
        return count == null ? 0 : count;
    }

    @Override
    public Set<String> withClassification(String context, Collection<String> correlationIds,
            Set<Classification> classifications) {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT correlation_id FROM verdict WHERE superseded_by IS NULL "
                + "AND replay_id IS NULL AND context = ? AND correlation_id = ANY(?::varchar[]) "
                + "AND classification = ANY(?::varchar[])", String.class, context, array(List.copyOf(correlationIds)),
                array(classifications.stream().map(Enum::name).toList())));
    }

    private static SelectedIntent selected(ResultSet rs) throws SQLException {
        return new SelectedIntent(rs.getString("replay_id"), rs.getString("original_event_id"), rs.getInt("copy"),
                rs.getString("original_correlation_id"), rs.getString("event_id"), rs.getString("correlation_id"));
    }

    private ReplayRun run(ResultSet rs, int row) throws SQLException {
        Long selected = rs.getObject("selected", Long.class);
        return new ReplayRun(rs.getString("replay_id"), ReplayKind.valueOf(rs.getString("kind")), rs.getString("context"),
                instant(rs.getTimestamp("from_ts")), instant(rs.getTimestamp("to_ts")),
                strings(rs.getArray("classifications")).stream().map(Classification::valueOf).collect(Collectors.toSet()),
                Set.copyOf(strings(rs.getArray("correlation_ids"))), (Integer) rs.getObject("sample"),
                rs.getString("reason"), rs.getInt("rate_per_second"), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), json.readValue(rs.getString("start_offsets"), OFFSETS),
                json.readValue(rs.getString("end_offsets"), OFFSETS), ReplayState.valueOf(rs.getString("state")),
                ReplayPhase.valueOf(rs.getString("phase")), selected, rs.getLong("published"),
                rs.getString("failure"), rs.getString("cancelled_by"), instant(rs.getTimestamp("finished_at")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
