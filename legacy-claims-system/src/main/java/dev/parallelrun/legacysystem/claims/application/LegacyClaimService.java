package dev.parallelrun.legacysystem.claims.application;

import dev.parallelrun.legacysystem.claims.domain.LegacyClaimForm;
import dev.parallelrun.legacysystem.claims.domain.LegacyClaimProcessor;
import dev.parallelrun.legacysystem.claims.domain.LegacyDecision;
import dev.parallelrun.legacysystem.claims.domain.LegacyQuirks;
import dev.parallelrun.legacysystem.claims.domain.RequestJournal;
import dev.parallelrun.legacysystem.config.AnswerDelay;
import dev.parallelrun.legacysystem.config.LegacySystemProperties;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import dev.parallelrun.legacysystem.posting.domain.ProcessingMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Answers claim requests the way the legacy platform does: a repeated {@code REQ_KEY} gets the first
 * answer again without a second decision; failing claim numbers answer with a system error; every
 * answer is delayed by the configured latency (slow claim numbers by the slow delay).
 *
 * <p>A request in {@link ProcessingMode#SIMULATE} mode goes through the same quirks, the same processor and the same
 * timing, so it gets the answer a real request would get (the key's remembered decision, if a real request made one),
 * but it remembers, books, posts and sends nothing: the key stays free for the real request. An unknown {@code MODE}
 * is a validation error ({@code 09}), decided and remembered in no mode.
 *
 * <p>Delays are scheduled, not slept, so slow answers do not hold request threads.
 *
 * <p>Metrics: {@code legacy.system.requests{status, replayed}} (every answer), {@code legacy.system.postings{kind=claim}}
 * (real postings, once per key), {@code legacy.system.simulations{kind=claim}} (simulated decisions).
 */
@Service
public class LegacyClaimService {

    private static final String KIND = PostingKind.CLAIM.label();

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
        // rare events have a series from the start: a rate over the first posting or simulation is right
        meterRegistry.counter("legacy.system.postings", "kind", KIND);
        meterRegistry.counter("legacy.system.simulations", "kind", KIND);
    }

    /**
     * Processes one request in the mode its {@code MODE} field asks for (blank: {@code POST}); the answer completes
     * after the configured delay.
     */
    public CompletableFuture<LegacyReply> process(LegacyClaimForm form, String modeField) {
        LegacyReply reply = replyTo(form, modeField);
        Duration delay = quirks.isSlow(form.claimNo()) ? properties.slowDelay() : properties.latency();
        return CompletableFuture.supplyAsync(() -> reply, AnswerDelay.after(delay));
    }

    /** How often a request key was received, decided and simulated. */
    public RequestJournal.Usage usage(String reqKey) {
        return journal.usage(reqKey);
    }

    private LegacyReply replyTo(LegacyClaimForm form, String modeField) {
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
            LegacyDecision refused = LegacyDecision.validationError(form.claimNo(), ProcessingMode.invalid(modeField));
            count(refused.status().code(), false);
            return new LegacyReply.Answered(refused);
        }
        if (quirks.failsFor(form.claimNo())) {
            count("500", false);
            return new LegacyReply.SystemError("SYSTEM ERROR - PLEASE RETRY");
        }
        if (simulated) {
            return simulate(form, keyed);
        }
        if (!keyed) {
            LegacyDecision refused = processor.process(form);
            count(refused.status().code(), false);
            return new LegacyReply.Answered(refused);
        }
        RequestJournal.Replayable answer = journal.decideOnce(form.reqKey(), () -> processor.process(form));
        count(answer.decision().status().code(), answer.replayed());
        if (!answer.replayed() && answer.decision().posts()) {
            meterRegistry.counter("legacy.system.postings", "kind", KIND).increment();
        }
        return new LegacyReply.Answered(answer.decision());
    }

    /** The answer a real request would get now, without remembering, booking or posting anything. */
    private LegacyReply simulate(LegacyClaimForm form, boolean keyed) {
        Optional<LegacyDecision> remembered = keyed ? journal.remembered(form.reqKey()) : Optional.empty();
        LegacyDecision decision = remembered.orElseGet(() -> processor.process(form));
        count(decision.status().code(), remembered.isPresent());
        meterRegistry.counter("legacy.system.simulations", "kind", KIND).increment();
        return new LegacyReply.Answered(decision);
    }

    private void count(String status, boolean replayed) {
        meterRegistry.counter("legacy.system.requests", "status", status, "replayed", String.valueOf(replayed))
                .increment();
    }
}
