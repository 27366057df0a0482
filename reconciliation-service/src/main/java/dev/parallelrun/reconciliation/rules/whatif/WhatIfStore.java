package dev.parallelrun.reconciliation.rules.whatif;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.reconciliation.rules.whatif.domain.StoredPair;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the live pairs a what-if re-compares (never writes a verdict) and keeps the what-if reports, append-only
 * (the database refuses updates and deletes).
 */
@Repository
public class WhatIfStore {

    /** Rows fetched per round trip: the period may hold millions of pairs, memory must not grow with it. */
    static final int FETCH_SIZE = 500;

    private static final String LIVE_PAIRS = "SELECT correlation_id, outcome_type, classification, rule_set_version, "
            + "legacy_outcome, shadow_outcome, differences, decided_at FROM verdict "
            + "WHERE context = ? AND decided_at >= ? AND decided_at < ? AND superseded_by IS NULL AND replay_id IS NULL "
            + "ORDER BY decided_at, verdict_id";

    private final JdbcTemplate jdbc;
    private final EventCodec codec = EventCodec.standard();

    public WhatIfStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Hands every current live verdict of the context decided in [from, to) to {@code each}, oldest first, streamed
     * with a cursor (a read-only transaction, so that PostgreSQL honours the fetch size).
     */
    @Transactional(readOnly = true)
    public void streamLivePairs(String context, Instant from, Instant to, Consumer<StoredPair> each) {
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(LIVE_PAIRS);
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, context);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            return ps;
        }, rs -> {
            each.accept(new StoredPair(rs.getString("correlation_id"), rs.getString("outcome_type"),
                    Classification.valueOf(rs.getString("classification")), rs.getString("rule_set_version"),
                    json(rs.getString("legacy_outcome")), json(rs.getString("shadow_outcome")),
                    paths(rs.getString("differences")), rs.getTimestamp("decided_at").toInstant()));
        });
    }

    /** Stores a report; never changes one. */
    public void save(StoredReport report) {
        jdbc.update("INSERT INTO what_if_report (id, context, from_ts, to_ts, candidate_version, candidate_sha256, "
                + "candidate_content, base_version, report, requested_by, requested_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)", report.id(), report.context(),
                Timestamp.from(report.from()), Timestamp.from(report.to()), report.candidateVersion(),
                report.candidateSha256(), report.candidateContent(), report.baseVersion(),
                codec.mapper().writeValueAsString(report.report()), report.requestedBy(),
                Timestamp.from(report.requestedAt()));
    }

    /** A stored report as it was returned when it was run. */
    public Optional<JsonNode> find(UUID id) {
        return jdbc.query("SELECT report FROM what_if_report WHERE id = ?", (rs, row) -> json(rs.getString(1)), id)
                .stream().findFirst();
    }

    private JsonNode json(String text) {
        return text == null ? null : codec.mapper().readTree(text);
    }

    private List<String> paths(String differences) {
        List<String> out = new ArrayList<>();
        JsonNode tree = json(differences);
        if (tree != null) {
            for (JsonNode difference : tree) {
                JsonNode path = difference.get("path");
                if (path != null && path.isString()) {
                    out.add(path.asString());
                }
            }
        }
        return out;
    }

    /** A what-if report with the candidate it was run on. */
    public record StoredReport(UUID id, String context, Instant from, Instant to, String candidateVersion,
            String candidateSha256, String candidateContent, String baseVersion, JsonNode report, String requestedBy,
            Instant requestedAt) {
    }
}
