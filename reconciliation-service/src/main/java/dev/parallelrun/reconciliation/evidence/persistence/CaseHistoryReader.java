package dev.parallelrun.reconciliation.evidence.persistence;

import dev.parallelrun.reconciliation.evidence.application.CaseHistory;
import dev.parallelrun.reconciliation.evidence.domain.CaseCount;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts a period's divergence cases from {@code divergence_case_history} (written by the cases feature, append-only):
 * each case's last entry before the period's end says its state and category then; the case row itself (whose state
 * moves on) gives only the context.
 */
@Repository
class CaseHistoryReader implements CaseHistory {

    private static final String COUNTS_AT_END = "WITH at_end AS ("
            + " SELECT DISTINCT ON (h.case_id) h.case_id, h.to_state, h.category, h.at FROM divergence_case_history h"
            + " JOIN divergence_case c ON c.case_id = h.case_id WHERE c.context = ? AND h.at < ?"
            + " ORDER BY h.case_id, h.entry_id DESC),"
            + " at_start AS ("
            + " SELECT DISTINCT ON (h.case_id) h.case_id, h.to_state FROM divergence_case_history h"
            + " JOIN divergence_case c ON c.case_id = h.case_id WHERE c.context = ? AND h.at < ?"
            + " ORDER BY h.case_id, h.entry_id DESC)"
            + " SELECT e.to_state, e.category, count(*) AS n FROM at_end e LEFT JOIN at_start s ON s.case_id = e.case_id"
            + " WHERE e.at >= ? OR s.to_state IN ('OPEN', 'ACKNOWLEDGED') GROUP BY 1, 2";

    private final JdbcTemplate jdbc;

    CaseHistoryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CaseCount> countsAtEnd(String context, Instant from, Instant to) {
        return jdbc.query(COUNTS_AT_END, (rs, row) -> new CaseCount(rs.getString("to_state"), rs.getString("category"),
                rs.getLong("n")), context, Timestamp.from(to), context, Timestamp.from(from), Timestamp.from(from));
    }
}
