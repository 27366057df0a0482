package dev.parallelrun.legacysystem.pricing.application;

import dev.parallelrun.legacysystem.claims.domain.LegacyQuirks;
import dev.parallelrun.legacysystem.config.AnswerDelay;
import dev.parallelrun.legacysystem.config.LegacySystemProperties;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import dev.parallelrun.legacysystem.posting.domain.ProcessingMode;
import dev.parallelrun.legacysystem.pricing.domain.LegacyPremiumModel;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuote;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuoteForm;
import dev.parallelrun.legacysystem.pricing.domain.QuoteJournal;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Answers quote requests the way the legacy platform does, with the knobs its claims transaction has: failing quote
 * numbers ({@code QTE-FAIL*}, the configured failure rate) answer with a system error, slow ones ({@code QTE-SLOW*})
 * after the slow delay, every other answer after the configured latency. Every request with a key is journalled; a
 * repeated key gets the first quote again, its quote reference included.
 *
 * <p>The quote reference is the one thing the platform does not derive from the request: a new one for every key.
 *
 * <p>A request in {@link ProcessingMode#SIMULATE} mode goes through the same quirks, validation, model and timing, so
 * it gets the answer a real request would get (the key's remembered quote, if a real request priced one; otherwise a
 * fresh quote reference, as for a new key), but it remembers, posts and sends nothing: the key stays free for the real
 * request. An unknown {@code MODE} answers {@code 422} ({@code INVALID MODE <v>}).
 *
 * <p>Metrics: {@code legacy.system.quotes{status, replayed}} (every answer), {@code legacy.system.postings{kind=quote}}
 * (real postings, once per key), {@code legacy.system.simulations{kind=quote}} (simulated quotes).
 */
@Service
public class LegacyQuoteService {

    private static final String KIND = PostingKind.QUOTE.label();

    private final LegacyPremiumModel model;
    private final QuoteJournal journal;
    private final LegacyQuirks quirks;
    private final LegacySystemProperties properties;
    private final MeterRegistry meterRegistry;

    LegacyQuoteService(LegacyPremiumModel model, QuoteJournal journal, LegacyQuirks quirks,
            LegacySystemProperties properties, MeterRegistry meterRegistry) {
        this.model = model;
        this.journal = journal;
        this.quirks = quirks;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
        // rare events have a series from the start: a rate over the first posting or simulation is right
        meterRegistry.counter("legacy.system.postings", "kind", KIND);
        meterRegistry.counter("legacy.system.simulations", "kind", KIND);
    }

    /**
     * Processes one request in the mode its {@code MODE} field asks for (blank: {@code POST}); the answer completes
     * after the configured delay.
     */
    public CompletableFuture<QuoteReply> process(LegacyQuoteForm form, String modeField) {
        QuoteReply reply = replyTo(form, modeField);
        Duration delay = quirks.isSlow(form.quoteNo()) ? properties.slowDelay() : properties.latency();
        return CompletableFuture.supplyAsync(() -> reply, AnswerDelay.after(delay));
    }

    /** How often a request key was received, priced and simulated. */
    public QuoteJournal.Usage usage(String reqKey) {
        return journal.usage(reqKey);
    }

    private QuoteReply replyTo(LegacyQuoteForm form, String modeField) {
        boolean keyed = form.reqKey() != null && !form.reqKey().isBlank();
        Optional<ProcessingMode> mode = ProcessingMode.parse(modeField);
        boolean simulated = mode.orElse(ProcessingMode.POST) == ProcessingMode.SIMULATE;
        if (keyed) {
            if (simulated) {
                journal.recordSimulation(form.reqKey());
            } else {
                journal.recordCall(form.reqKey());
            }
        }
        if (mode.isEmpty()) {
            count("invalid", false);
            return new QuoteReply.Invalid(ProcessingMode.invalid(modeField));
        }
        if (quirks.failsFor(form.quoteNo())) {
            count("500", false);
            return new QuoteReply.SystemError("SYSTEM ERROR - PLEASE RETRY");
        }
        Optional<String> problem = model.validationProblem(form);
        if (problem.isPresent()) {
            count("invalid", false);
            return new QuoteReply.Invalid(problem.get());
        }
        if (simulated) {
            Optional<LegacyQuote> remembered = journal.remembered(form.reqKey());
            LegacyQuote quote = remembered.orElseGet(() -> model.quote(form, newQuoteRef()));
            count(quote.status().code(), remembered.isPresent());
            meterRegistry.counter("legacy.system.simulations", "kind", KIND).increment();
            return new QuoteReply.Answered(quote);
        }
        QuoteJournal.Replayable answer = journal.quoteOnce(form.reqKey(), () -> model.quote(form, newQuoteRef()));
        count(answer.quote().status().code(), answer.replayed());
        if (!answer.replayed() && answer.quote().posts()) {
            meterRegistry.counter("legacy.system.postings", "kind", KIND).increment();
        }
        return new QuoteReply.Answered(answer.quote());
    }

    private static String newQuoteRef() {
        return "QR" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    private void count(String status, boolean replayed) {
        meterRegistry.counter("legacy.system.quotes", "status", status, "replayed", String.valueOf(replayed)).increment();
    }
}
