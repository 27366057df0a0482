package dev.parallelrun.legacysystem.pricing.application;

import dev.parallelrun.legacysystem.claims.domain.LegacyQuirks;
import dev.parallelrun.legacysystem.config.LegacySystemProperties;
import dev.parallelrun.legacysystem.pricing.domain.LegacyPremiumModel;
import dev.parallelrun.legacysystem.pricing.domain.LegacyQuoteForm;
import dev.parallelrun.legacysystem.pricing.domain.QuoteJournal;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Answers quote requests the way the legacy platform does, with the knobs its claims transaction has: failing quote
 * numbers ({@code QTE-FAIL*}, the configured failure rate) answer with a system error, slow ones ({@code QTE-SLOW*})
 * after the slow delay, every other answer after the configured latency. Every request with a key is journalled; a
 * repeated key gets the first quote again, its quote reference included.
 *
 * <p>The quote reference is the one thing the platform does not derive from the request: a new one for every key.
 */
@Service
public class LegacyQuoteService {

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
    }

    /** Processes one request; the answer completes after the configured delay. */
    public CompletableFuture<QuoteReply> process(LegacyQuoteForm form) {
        QuoteReply reply = replyTo(form);
        Duration delay = quirks.isSlow(form.quoteNo()) ? properties.slowDelay() : properties.latency();
        Executor after = delay.isZero() ? Runnable::run
                : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> reply, after);
    }

    /** How often a request key was received and priced. */
    public QuoteJournal.Usage usage(String reqKey) {
        return journal.usage(reqKey);
    }

    private QuoteReply replyTo(LegacyQuoteForm form) {
        boolean keyed = form.reqKey() != null && !form.reqKey().isBlank();
        if (keyed) {
            journal.recordCall(form.reqKey());
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
        QuoteJournal.Replayable answer = journal.quoteOnce(form.reqKey(), () -> model.quote(form, newQuoteRef()));
        count(answer.quote().status().code(), answer.replayed());
        return new QuoteReply.Answered(answer.quote());
    }

    private static String newQuoteRef() {
        return "QR" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    private void count(String status, boolean replayed) {
        meterRegistry.counter("legacy.system.quotes", "status", status, "replayed", String.valueOf(replayed)).increment();
    }
}
