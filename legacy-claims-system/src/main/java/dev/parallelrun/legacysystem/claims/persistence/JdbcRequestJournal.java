package dev.parallelrun.legacysystem.claims.persistence;

import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;
import dev.parallelrun.legacysystem.claims.domain.LegacyLedgerLine;
import dev.parallelrun.legacysystem.claims.domain.LegacyStatus;
import dev.parallelrun.legacysystem.claims.domain.RequestJournal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request journal in PostgreSQL (schema {@code legacy_system}): {@code request_journal} remembers each key's
 * first decision, {@code booking} is the posting journal. Deciding locks the key's row for the transaction, so
 * concurrent requests with one key wait for the first and replay its decision.
 */
@Repository
class JdbcRequestJournal implements RequestJournal {

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcRequestJournal(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void recordCall(String reqKey) {
        jdbc.sql("""
                        INSERT INTO request_journal (req_key, calls, first_call_at) VALUES (?, 1, ?)
                        ON CONFLICT (req_key) DO UPDATE SET calls = request_journal.calls + 1""")
                .params(reqKey, Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public Replayable decideOnce(String reqKey, Supplier<LegacyDecision> decide) {
        return transactions.execute(transaction -> {
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("INSERT INTO request_journal (req_key, calls, first_call_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
                    .params(reqKey, now)
                    .update();
            Optional<String> earlier = jdbc.sql("SELECT decision::text FROM request_journal WHERE req_key = ? FOR UPDATE")
                    .param(reqKey)
                    .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                    .single();
            if (earlier.isPresent()) {
                return new Replayable(json.readValue(earlier.get(), LegacyDecision.class), true);
            }
            LegacyDecision decision = decide.get();
            jdbc.sql("UPDATE request_journal SET decision = CAST(? AS jsonb), decided_at = ? WHERE req_key = ?")
                    .params(json.writeValueAsString(decision), now, reqKey)
                    .update();
            jdbc.sql("""
                            INSERT INTO booking (req_key, claim_no, status, ledger, booked_at)
                            VALUES (?, ?, ?, CAST(? AS jsonb), ?)""")
                    .params(reqKey, decision.claimNo(), decision.status().code(),
                            json.writeValueAsString(decision.ledger()), now)
                    .update();
            return new Replayable(decision, false);
        });
    }

    /**
     * Primes the journal before the first request: the database statements and the JSON of a decision. The first
     * caller's read timeout (the adapter's, about a second) must not be spent on a cold start.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        usage("warm-up");
        LegacyDecision sample = new LegacyDecision("CLM-WARM-UP", LegacyStatus.APPROVED, "N", 0, "", 0, 0, "",
                List.of(new LegacyLedgerLine(LegacyLedgerLine.CLAIMS_EXPENSE, 'D', 0)));
        json.readValue(json.writeValueAsString(sample), LegacyDecision.class);
        json.writeValueAsString(sample.ledger());
    }

    @Override
    public Usage usage(String reqKey) {
        return jdbc.sql("""
                        SELECT coalesce((SELECT calls FROM request_journal WHERE req_key = :key), 0) AS calls,
                               (SELECT count(*) FROM booking WHERE req_key = :key) AS decisions""")
                .param("key", reqKey)
                .query((rs, row) -> new Usage(rs.getInt("calls"), rs.getInt("decisions")))
                .single();
    }
}
