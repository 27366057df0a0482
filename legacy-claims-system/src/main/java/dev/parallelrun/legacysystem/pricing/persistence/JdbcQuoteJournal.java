package dev.parallelrun.legacysystem.pricing.persistence;

import dev.parallelrun.legacysystem.journal.JournalTable;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import dev.parallelrun.legacysystem.posting.persistence.JdbcPostingJournal;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.QuoteJournal;
import dev.parallelrun.legacysystem.pricing.domain.QuoteStatus;
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
 * The quote journal in PostgreSQL: {@code quote_journal} counts each key's calls and remembers its first quote; a
 * priced quote is posted (journalled under its quote reference) with its quote letter in the posting journal
 * ({@code posting}, {@code letter}), in the transaction that remembers it. A simulation writes neither.
 */
@Repository
class JdbcQuoteJournal implements QuoteJournal {

    private final JournalTable<LegacyQuote> journal;
    private final JdbcPostingJournal postings;

    JdbcQuoteJournal(JdbcClient jdbc, TransactionOperations transactions, Clock clock, JdbcPostingJournal postings) {
        this.journal = new JournalTable<>(jdbc, transactions, clock, "quote_journal", LegacyQuote.class);
        this.postings = postings;
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
    public Optional<LegacyQuote> remembered(String reqKey) {
        return journal.remembered(reqKey);
    }

    @Override
    public Replayable quoteOnce(String reqKey, Supplier<LegacyQuote> price) {
        JournalTable.Remembered<LegacyQuote> remembered = journal.decideOnce(reqKey, price, (quote, now) -> {
            if (quote.posts()) {
                postings.post(reqKey, PostingKind.QUOTE, quote.quoteNo(), quote.status().code(), quote.grossCents(), now);
            }
        });
        return new Replayable(remembered.answer(), remembered.replayed());
    }

    @Override
    public Usage usage(String reqKey) {
        return new Usage(journal.calls(reqKey), journal.decided(reqKey) ? 1 : 0, journal.simulations(reqKey));
    }

    /** Primes the statements and the JSON of a quote before the first request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        usage("warm-up");
        journal.warmUp(new LegacyQuote("QTE-WARM-UP", QuoteStatus.DECLINED, "", "EUR", List.of(), 0, 0, 0, "", List.of(), ""));
    }
}
