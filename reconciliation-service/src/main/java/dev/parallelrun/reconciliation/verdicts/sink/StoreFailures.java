package dev.parallelrun.reconciliation.verdicts.sink;

import dev.parallelrun.events.MalformedEventException;
import java.sql.SQLException;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Reads a failure to store verdicts the way the sink must act on it: is it the verdict's fault (PostgreSQL
 * refused its data: dead-letter that verdict alone) or the infrastructure's (the database is away, overloaded
 * or in conflict: wait and try again, never dead-letter)?
 *
 * <p>Only what the record alone decides counts as its fault: SQLState classes 22 (data exception: a NUL
 * character in a {@code jsonb} text, a value longer than its column), 23 (integrity constraint violation)
 * and 54 (program limit exceeded, e.g. a value too large to index), and an outcome that cannot be written back
 * as JSON. Everything else (class 08 connection, 53 insufficient resources, 57P operator intervention,
 * 40001/40P01 serialization failure and deadlock, 55000 a database refusing connections, an unknown error) is
 * the infrastructure's: a record is never dead-lettered because of it.
 */
public final class StoreFailures {

    static final int MAX_REASON_LENGTH = 1000;
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private StoreFailures() {
    }

    /** Whether the failure lies in the data of the verdicts being stored, not in the database's availability. */
    public static boolean isCausedByData(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof JacksonException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sqlState(sql);
                if (state != null) {
                    return state.length() >= 2 && DATA_CLASSES.contains(state.substring(0, 2));
                }
            }
        }
        return false;
    }

    /**
     * The reason for the {@code dlq-reason} header: what is wrong with the record (a malformed event's message,
     * PostgreSQL's own error with its SQLState) rather than the framework's wrapping, which for a batch carries
     * the whole statement.
     */
    public static String reason(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof MalformedEventException) {
                return truncate(t.getMessage());
            }
            if (t instanceof SQLException sql) {
                SQLException server = innermost(sql);
                return truncate("PostgreSQL refused the verdict (SQLState " + server.getSQLState() + "): "
                        + server.getMessage());
            }
            root = t;
        }
        String message = root.getMessage();
        return truncate(root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    /** The state of the statement that failed; a batch carries it on its next exception. */
    private static String sqlState(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }

    private static SQLException innermost(SQLException sql) {
        SQLException innermost = sql;
        for (SQLException e = sql.getNextException(); e != null; e = e.getNextException()) {
            innermost = e;
        }
        return innermost;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
