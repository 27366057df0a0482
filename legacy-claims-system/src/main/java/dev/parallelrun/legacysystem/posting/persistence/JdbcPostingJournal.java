package dev.parallelrun.legacysystem.posting.persistence;

import dev.parallelrun.legacysystem.posting.domain.Letter;
import dev.parallelrun.legacysystem.posting.domain.Posting;
import dev.parallelrun.legacysystem.posting.domain.PostingJournal;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The posting journal in PostgreSQL: {@code posting} and {@code letter}. A transaction's journal writes a real
 * posting and its letter with {@link #post} inside the transaction that remembers the decision under its request key,
 * so both exist exactly when the key's decision does; the unique key per (kind, request key) makes a second posting
 * for a key fail instead of hiding.
 */
@Repository
public class JdbcPostingJournal implements PostingJournal {

    private final JdbcClient jdbc;

    JdbcPostingJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Posts a decision for real and sends its letter, in the caller's transaction. */
    public void post(String reqKey, PostingKind kind, String businessId, String status, long amountCents, Timestamp at) {
        jdbc.sql("""
                        INSERT INTO posting (req_key, kind, business_id, status, amount_cents, posted_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(reqKey, kind.label(), businessId, status, amountCents, at)
                .update();
        jdbc.sql("""
                        INSERT INTO letter (req_key, kind, business_id, letter, status, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(reqKey, kind.label(), businessId, kind.letter(), status, at)
                .update();
    }

    @Override
    public List<Posting> postings(Query query) {
        Filter filter = Filter.of(query, "posted_at");
        return jdbc.sql("SELECT id, req_key, kind, business_id, status, amount_cents, posted_at FROM posting"
                        + filter.where() + " ORDER BY id LIMIT :limit")
                .params(filter.params())
                .query((rs, row) -> new Posting(rs.getLong("id"), rs.getString("req_key"), kind(rs),
                        rs.getString("business_id"), rs.getString("status"), rs.getLong("amount_cents"),
                        rs.getTimestamp("posted_at").toInstant()))
                .list();
    }

    @Override
    public List<Letter> letters(Query query) {
        Filter filter = Filter.of(query, "sent_at");
        return jdbc.sql("SELECT id, req_key, kind, business_id, letter, status, sent_at FROM letter"
                        + filter.where() + " ORDER BY id LIMIT :limit")
                .params(filter.params())
                .query((rs, row) -> new Letter(rs.getLong("id"), rs.getString("req_key"), kind(rs),
                        rs.getString("business_id"), rs.getString("letter"), rs.getString("status"),
                        rs.getTimestamp("sent_at").toInstant()))
                .list();
    }

    private static PostingKind kind(ResultSet rs) throws SQLException {
        String label = rs.getString("kind");
        return PostingKind.ofLabel(label).orElseThrow(() -> new IllegalStateException("unknown posting kind " + label));
    }

    /** The conditions of a query: fixed SQL fragments for the filters present, their values as named parameters. */
    private record Filter(String where, Map<String, Object> params) {

        static Filter of(Query query, String timeColumn) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new LinkedHashMap<>();
            if (query.since() != null) {
                conditions.add(timeColumn + " >= :since");
                params.put("since", Timestamp.from(query.since()));
            }
            if (query.reqKey() != null) {
                conditions.add("req_key = :reqKey");
                params.put("reqKey", query.reqKey());
            }
            if (query.kind() != null) {
                conditions.add("kind = :kind");
                params.put("kind", query.kind().label());
            }
            params.put("limit", query.limit());
            return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
        }
    }
}
