package dev.parallelrun.legacysystem.pricing.persistence;

import dev.parallelrun.legacysystem.journal.JournalTable;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.QuoteJournal;
import dev.parallelrun.legacysystem.pricing.domain.QuoteStatus;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The quote journal in PostgreSQL: {@code quote_journal} counts each key's calls and remembers its first quote. A
 * quote books nothing, so there is no posting journal beside it.
 */
@Repository
class JdbcQuoteJournal implements QuoteJournal {

    private final JournalTable<LegacyQuote> journal;

    JdbcQuoteJournal(JdbcClient jdbc, TransactionOperations transactions, Clock clock) {
        this.journal = new JournalTable<>(jdbc, transactions, clock, "quote_journal", LegacyQuote.class);
    }

    @Override
    public void recordCall(String reqKey) {
        journal.recordCall(reqKey);
    }

    @Override
    public Replayable quoteOnce(String reqKey, Supplier<LegacyQuote> price) {
        JournalTable.Remembered<LegacyQuote> remembered = journal.decideOnce(reqKey, price, (quote, now) -> {
        });
        return new Replayable(remembered.answer(), remembered.replayed());
    }

    @Override
    public Usage usage(String reqKey) {
        return new Usage(journal.calls(reqKey), journal.decided(reqKey) ? 1 : 0);
    }

    /** Primes the statements and the JSON of a quote before the first request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        usage("warm-up");
        journal.warmUp(new LegacyQuote("QTE-WARM-UP", QuoteStatus.DECLINED, "", "EUR", List.of(), 0, 0, 0, "", List.of(), ""));
    }
}
