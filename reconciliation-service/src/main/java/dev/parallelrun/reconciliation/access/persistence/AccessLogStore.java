package dev.parallelrun.reconciliation.access.persistence;

import dev.parallelrun.reconciliation.access.domain.AccessLogEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The access log in {@code access_log}: one insert per read (a single-row insert on an identity key and two indexes,
 * cheap next to the read it records), and newest-first pages on the keyset {@code (at, entry_id)}.
 */
@Repository
public class AccessLogStore {

    private final JdbcTemplate jdbc;

    AccessLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one entry (its {@code entryId} is ignored: the table numbers entries). */
    public void append(AccessLogEntry entry) {
        jdbc.update("INSERT INTO access_log (at, username, roles, method, path, query, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(entry.at()), entry.user(), String.join(",", entry.roles()), entry.method(), entry.path(),
                entry.query(), entry.status());
    }

    /** The entries the query selects, newest first. */
    public List<AccessLogEntry> find(AccessLogEntry.Query query) {
        StringBuilder sql = new StringBuilder(
                "SELECT entry_id, at, username, roles, method, path, query, status FROM access_log WHERE TRUE");
        List<Object> arguments = new ArrayList<>();
        if (query.user() != null) {
            sql.append(" AND username = ?");
            arguments.add(query.user());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            arguments.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            arguments.add(Timestamp.from(query.to()));
        }
        if (query.after() != null) {
            sql.append(" AND (at, entry_id) < (?, ?)");
            arguments.add(Timestamp.from(query.after().at()));
            arguments.add(query.after().entryId());
        }
        sql.append(" ORDER BY at DESC, entry_id DESC LIMIT ?");
        arguments.add(query.limit());
        return jdbc.query(sql.toString(), AccessLogStore::mapRow, arguments.toArray());
    }

    private static AccessLogEntry mapRow(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        return new AccessLogEntry(rs.getLong("entry_id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), rs.getString("method"),
                rs.getString("path"), rs.getString("query"), rs.getInt("status"));
    }
}
