package dev.parallelrun.legacysystem.claims.persistence;

import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;
import dev.parallelrun.legacysystem.claims.domain.LegacyLedgerLine;
import dev.parallelrun.legacysystem.claims.domain.LegacyStatus;
import dev.parallelrun.legacysystem.claims.domain.RequestJournal;
import dev.parallelrun.legacysystem.journal.JournalTable;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import dev.parallelrun.legacysystem.posting.persistence.JdbcPostingJournal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The request journal in PostgreSQL (schema {@code legacy_system}): {@code request_journal} remembers each key's
 * first decision, {@code booking} its booking (every decision, validation errors included, as before), and the posting
 * journal ({@code posting}, {@code letter}) the real posting and decision letter of a decided claim, all written in the
 * transaction that remembers the decision. A simulation writes none of them.
 */
@Repository
class JdbcRequestJournal implements RequestJournal {

    private final JdbcClient jdbc;
    private final JournalTable<LegacyDecision> journal;
    private final JdbcPostingJournal postings;

    JdbcRequestJournal(JdbcClient jdbc, TransactionOperations transactions, Clock clock, JdbcPostingJournal postings) {
        this.jdbc = jdbc;
        this.postings = postings;
        this.journal = new JournalTable<>(jdbc, transactions, clock, "request_journal", LegacyDecision.class);
    }

    @Override
    public void recordCall(String reqKey) {
        journal.recordCall(reqKey);
    }

    @Override
    public void recordSimulation(String reqKey) {
        journal.recordSimulation(reqKey);
    }

    @Override
    public Optional<LegacyDecision> remembered(String reqKey) {
        return journal.remembered(reqKey);
    }

    @Override
    public Replayable decideOnce(String reqKey, Supplier<LegacyDecision> decide) {
        JournalTable.Remembered<LegacyDecision> remembered = journal.decideOnce(reqKey, decide, (decision, now) -> {
            jdbc.sql("""
                            INSERT INTO booking (req_key, claim_no, status, ledger, booked_at)
                            VALUES (?, ?, ?, CAST(? AS jsonb), ?)""")
                    .params(reqKey, decision.claimNo(), decision.status().code(), journal.toJson(decision.ledger()), now)
                    .update();
            if (decision.posts()) {
                postings.post(reqKey, PostingKind.CLAIM, decision.claimNo(), decision.status().code(),
                        decision.paymentCents(), now);
            }
        });
        return new Replayable(remembered.answer(), remembered.replayed());
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
        journal.warmUp(sample);
        journal.toJson(sample.ledger());
    }

    @Override
    public Usage usage(String reqKey) {
        return jdbc.sql("""
                        SELECT coalesce((SELECT calls FROM request_journal WHERE req_key = :key), 0) AS calls,
                               (SELECT count(*) FROM booking WHERE req_key = :key) AS decisions,
                               coalesce((SELECT simulations FROM request_journal WHERE req_key = :key), 0) AS simulations""")
                .param("key", reqKey)
                .query((rs, row) -> new Usage(rs.getInt("calls"), rs.getInt("decisions"), rs.getInt("simulations")))
                .single();
    }
}
