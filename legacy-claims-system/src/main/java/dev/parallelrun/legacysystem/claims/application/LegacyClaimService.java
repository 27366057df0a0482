package dev.parallelrun.legacysystem.claims.application;

import dev.parallelrun.legacysystem.claims.domain.LegacyClaimForm;
import dev.parallelrun.legacysystem.claims.domain.LegacyClaimProcessor;
import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;
import dev.parallelrun.legacysystem.claims.domain.LegacyQuirks;
import dev.parallelrun.legacysystem.claims.domain.RequestJournal;
import dev.parallelrun.legacysystem.config.LegacySystemProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Answers claim requests the way the legacy platform does: a repeated {@code REQ_KEY} gets the first
 * answer again without a second decision; failing claim numbers answer with a system error; every
 * answer is delayed by the configured latency (slow claim numbers by the slow delay).
 *
 * <p>Delays are scheduled, not slept, so slow answers do not hold request threads.
 */
@Service
public class LegacyClaimService {

    private final LegacyClaimProcessor processor;
    private final RequestJournal journal;
    private final LegacyQuirks quirks;
    private final LegacySystemProperties properties;
    private final MeterRegistry meterRegistry;

    LegacyClaimService(LegacyClaimProcessor processor, RequestJournal journal, LegacyQuirks quirks,
            LegacySystemProperties properties, MeterRegistry meterRegistry) {
        this.processor = processor;
        this.journal = journal;
        this.quirks = quirks;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    /** Processes one request; the answer completes after the configured delay. */
    public CompletableFuture<LegacyReply> process(LegacyClaimForm form) {
        LegacyReply reply = replyTo(form);
        Duration delay = quirks.isSlow(form.claimNo()) ? properties.slowDelay() : properties.latency();
        return CompletableFuture.supplyAsync(() -> reply, after(delay));
    }

    /** How often a request key was received and decided. */
    public RequestJournal.Usage usage(String reqKey) {
        return journal.usage(reqKey);
    }

    private LegacyReply replyTo(LegacyClaimForm form) {
        boolean keyed = form.reqKey() != null && !form.reqKey().isBlank();
        if (keyed) {
            journal.recordCall(form.reqKey());
        }
        if (quirks.failsFor(form.claimNo())) {
            count("500", false);
            return new LegacyReply.SystemError("SYSTEM ERROR - PLEASE RETRY");
        }
        if (!keyed) {
            LegacyDecision refused = processor.process(form);
            count(refused.status().code(), false);
            return new LegacyReply.Answered(refused);
        }
        RequestJournal.Replayable answer = journal.decideOnce(form.reqKey(), () -> processor.process(form));
        count(answer.decision().status().code(), answer.replayed());
        return new LegacyReply.Answered(answer.decision());
    }

    private void count(String status, boolean replayed) {
        meterRegistry.counter("legacy.system.requests", "status", status, "replayed", String.valueOf(replayed))
                .increment();
    }

    private static Executor after(Duration delay) {
        return delay.isZero() ? Runnable::run : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
