package dev.parallelrun.legacysystem.journal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journal table of the legacy platform (columns {@code req_key}, {@code calls}, {@code decision},
 * {@code simulations}, {@code first_call_at}, {@code decided_at}): counts the calls per key and remembers the first
 * answer as JSON.
 * Deciding locks the key's row for the transaction, so concurrent requests with one key wait for the first and
 * replay its answer. A simulated request is counted ({@code simulations}) but never decides: only a real request
 * remembers an answer, so a simulation never makes a later real request look like a repeat.
 *
 * @param <T> the answer the table remembers
 */
public final class JournalTable<T> {

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final String table;
    private final Class<T> answerType;
    private final JsonMapper json = JsonMapper.builder().build();

    /** {@code table} is a constant of the caller, never input: it is part of the SQL. */
    public JournalTable(JdbcClient jdbc, TransactionOperations transactions, Clock clock, String table, Class<T> answerType) {
        this.jdbc = Objects.requireNonNull(jdbc);
        this.transactions = Objects.requireNonNull(transactions);
        this.clock = Objects.requireNonNull(clock);
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.table = table;
        this.answerType = Objects.requireNonNull(answerType);
    }

    /** An answer and whether it is a replay of an earlier one. */
    public record Remembered<T>(T answer, boolean replayed) {
    }

    /** Counts a request carrying this key. */
    public void recordCall(String reqKey) {
        record(reqKey, 0);
    }

    /**
     * Counts a simulated request carrying this key, as a call and as a simulation. It leaves the key's answer alone:
     * a later real request with the key is decided (and posted) as if the simulation had never been.
     */
    public void recordSimulation(String reqKey) {
        record(reqKey, 1);
    }

    private void record(String reqKey, int simulations) {
        jdbc.sql("INSERT INTO " + table + " (req_key, calls, simulations, first_call_at) VALUES (?, 1, ?, ?) "
                        + "ON CONFLICT (req_key) DO UPDATE SET calls = " + table + ".calls + 1, "
                        + "simulations = " + table + ".simulations + EXCLUDED.simulations")
                .params(reqKey, simulations, Timestamp.from(clock.instant()))
                .update();
    }

    /** The answer remembered for the key, read without deciding or locking anything. */
    public Optional<T> remembered(String reqKey) {
        return jdbc.sql("SELECT decision::text FROM " + table + " WHERE req_key = ? AND decision IS NOT NULL")
                .param(reqKey)
                .query(String.class)
                .optional()
                .map(answer -> json.readValue(answer, answerType));
    }

    /**
     * The remembered answer for the key, or a new one, remembered from now on; {@code alsoOnFirst} runs in the same
     * transaction when the answer is new (e.g. to book it).
     */
    public Remembered<T> decideOnce(String reqKey, Supplier<T> decide, BiConsumer<T, Timestamp> alsoOnFirst) {
        return transactions.execute(transaction -> {
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("INSERT INTO " + table + " (req_key, calls, first_call_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
                    .params(reqKey, now)
                    .update();
            Optional<String> earlier = jdbc.sql("SELECT decision::text FROM " + table + " WHERE req_key = ? FOR UPDATE")
                    .param(reqKey)
                    .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                    .single();
            if (earlier.isPresent()) {
                return new Remembered<>(json.readValue(earlier.get(), answerType), true);
            }
            T answer = decide.get();
            jdbc.sql("UPDATE " + table + " SET decision = CAST(? AS jsonb), decided_at = ? WHERE req_key = ?")
                    .params(json.writeValueAsString(answer), now, reqKey)
                    .update();
            alsoOnFirst.accept(answer, now);
            return new Remembered<>(answer, false);
        });
    }

    /** How often the key was received: 0 for an unknown key. */
    public int calls(String reqKey) {
        return jdbc.sql("SELECT coalesce((SELECT calls FROM " + table + " WHERE req_key = ?), 0)")
                .param(reqKey)
                .query(Integer.class)
                .single();
    }

    /** How many of the key's calls were simulations: 0 for an unknown key. */
    public int simulations(String reqKey) {
        return jdbc.sql("SELECT coalesce((SELECT simulations FROM " + table + " WHERE req_key = ?), 0)")
                .param(reqKey)
                .query(Integer.class)
                .single();
    }

    /** Whether an answer is remembered for the key. */
    public boolean decided(String reqKey) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE req_key = ? AND decision IS NOT NULL")
                .param(reqKey)
                .query(Integer.class)
                .single() > 0;
    }

    /** Reads and writes a sample answer, so that the first caller's read timeout is not spent on a cold start. */
    public void warmUp(T sample) {
        calls("warm-up");
        json.readValue(json.writeValueAsString(sample), answerType);
    }

    /** The JSON of a value as the journal writes it. */
    public String toJson(Object value) {
        return json.writeValueAsString(value);
    }
}
