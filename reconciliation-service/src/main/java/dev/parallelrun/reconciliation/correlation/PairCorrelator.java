package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.verdicts.domain.OutcomeSnapshot;
import dev.parallelrun.reconciliation.verdicts.domain.PairKey;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates the two sides' outcomes by (correlation id, outcome type) and emits a verdict as soon
 * as the counterpart arrives; reads the intents to know which outcomes to expect.
 *
 * <p><b>Time.</b> Windows and grace are measured in event time: from when each side answered (the
 * outcome's CloudEvent {@code time}, never later than its arrival here), not from when this service read
 * it. A wall-clock punctuator expires entries through a time index (keys ordered by deadline: one range
 * scan, never a scan of every pending entry), but only up to how far event time has provably got: the
 * latest answer this task has read (Kafka Streams reads the co-partitioned topics in timestamp order),
 * or the wall clock once the task has been idle for {@code idleAfter} (caught up, nothing to read). A
 * backlog read after an outage is therefore decided as it would have been without the outage, and a
 * quiet stream still expires. A gap between punctuations longer than {@code idleAfter} means this task
 * was not running: it reads its backlog before it trusts the wall clock again.
 *
 * <p><b>Memory.</b> A pair's state is one entry of the pair store, whatever its stage ({@link PairState}: expected,
 * pending, decided, seen), so each outcome costs one lookup. The first side of a pair waits there; an expired pair gets a
 * {@code MISSING_*} verdict, and a counterpart that answered within the late grace supersedes it. A decided
 * pair is remembered in full for {@code duplicateRetention}, then by its key alone until
 * {@code duplicateHorizon} (the participants' redelivery horizon), so a duplicate is dropped, never decided
 * again. An accepted intent with no outcome of an expected type from either side after window + grace
 * gets one {@code UNANSWERED} verdict per type, superseded like {@code MISSING_*} if an answer comes later.
 *
 * <p><b>Sampling.</b> An intent that sampling left out of the parallel run ({@code sampled = false}) expects no
 * shadow answer: a lone legacy outcome ends its window without a verdict, never a {@code MISSING_SHADOW},
 * whichever of intent and outcome is read first; a shadow answer that comes anyway is compared as usual.
 *
 * <p><b>Fallbacks.</b> A fallback intent (reconciliation's own re-issue of an intent, for legacy to execute for real
 * after the authoritative new service failed) expects nothing, and its outcomes ({@code fallback = true}) are neither
 * compared nor counted as duplicates: they are the truth, published by the authoritative stream, not a side of a pair.
 * The comparison stays the new service's answer against legacy's simulated one.
 *
 * <p><b>Poison.</b> A record that cannot be processed, whatever the reason (not an outcome, unstorable
 * numbers, a verdict too large to produce), goes to its topic's dead-letter topic with the reason before
 * any state changes; the partition keeps flowing. Intents are read only to expect outcomes: an unreadable
 * intent is skipped and counted (the participants dead-letter it on their side).
 */
final class PairCorrelator implements Processor<String, byte[], String, byte[]> {

    /** Every pair's state, one entry per pair whatever its stage ({@link PairState}). */
    static final String PAIR_STORE = "pair-states";
    /** The four stores that held the stages before the pair store, emptied into it after an upgrade. */
    static final String PENDING_STORE = "pending-outcomes";
    static final String DECIDED_STORE = "decided-pairs";
    static final String SEEN_STORE = "seen-pairs";
    static final String EXPECTED_STORE = "expected-outcomes";
    static final String PROGRESS_STORE = "correlation-progress";
    /** The progress store's key for how many outcomes wait for their counterpart (per task, exact). */
    static final String PENDING_COUNT = "pending-outcomes";
    static final String DEADLINE_INDEX = "deadline-index";
    static final String VERDICT_SINK = "verdict-sink";
    static final String SOURCE = "urn:parallelrun:reconciliation-service";
    /** Room left in a produce request for the record's key, headers and batch overhead. */
    static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PairCorrelator.class);
    private static final char PENDING = PendingOutcome.STAGE;
    private static final char DECIDED = DecidedPair.STAGE;
    private static final char SEEN = SeenPair.STAGE;
    private static final char EXPECTED = ExpectedOutcome.STAGE;

    private final VerdictDecider decider;
    private final CorrelationPolicy policy;
    private final IntentExpectations expectations;
    private final CorrelationMetrics metrics;
    private final Duration punctuateInterval;
    private final int maxVerdictBytes;
    private final EventCodec codec = EventCodec.standard();

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, PairState> pairs;
    /** The stores of an earlier version still being emptied into {@link #pairs}; {@code null} once they are. */
    private StageStores stages;
    private KeyValueStore<String, Long> progress;
    private long pendingCount;
    private DeadlineIndex deadlines;

    PairCorrelator(VerdictDecider decider, CorrelationPolicy policy, IntentExpectations expectations,
            CorrelationMetrics metrics, Duration punctuateInterval, int maxRequestBytes) {
        this.decider = decider;
        this.policy = policy;
        this.expectations = expectations;
        this.metrics = metrics;
        this.punctuateInterval = punctuateInterval;
        this.maxVerdictBytes = maxRequestBytes - RECORD_OVERHEAD_BYTES;
    }

    static String deadLetterSink(String topic) {
        return "dead-letter-sink:" + topic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.pairs = context.getStateStore(PAIR_STORE);
        this.progress = context.getStateStore(PROGRESS_STORE);
        this.stages = StageStores.ifAnyLeft(context);
        this.pendingCount = storedPendingCount();
        this.deadlines = new DeadlineIndex(context.getStateStore(DEADLINE_INDEX), progress,
                policy.idleAfter(), context.currentSystemTimeMs());
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        long now = context.currentSystemTimeMs();
        deadlines.recordRead(now);
        if (!Topics.OUTCOMES_LEGACY.equals(topic) && !Topics.OUTCOMES_SHADOW.equals(topic)) {
            expectOutcomes(record, topic, now);
            return;
        }
        try {
            CloudEvent event = SiblingDecoding.read(codec, record.value());
            if (event.isFallback()) {
                return; // legacy standing in for the failed new service: the truth, never compared (authoritative stream)
            }
            OutcomeSnapshot snapshot = snapshot(event, record, topic, now);
            correlate(snapshot, now);
        } catch (KafkaException e) {
            throw e; // the infrastructure (a fenced producer, a migrated task): never poison, Streams retries
        } catch (RuntimeException e) {
            // checked before any state changed: the record is dropped as a whole, the partition flows on
            deadLetter(record, topic, reason(e));
        }
    }

    private void correlate(OutcomeSnapshot snapshot, long now) {
        String key = snapshot.pairKey().asString();
        PairState state = stateOf(key);
        if (state instanceof DecidedPair alreadyDecided) {
            onDecidedPair(key, alreadyDecided, snapshot, now);
        } else if (state instanceof SeenPair) {
            metrics.duplicateDropped(snapshot.context(), snapshot.outcomeType());
        } else if (state instanceof PendingOutcome first) {
            if (first.snapshot().side() == snapshot.side()) {
                metrics.duplicateDropped(snapshot.context(), snapshot.outcomeType());
            } else {
                pair(key, first, snapshot, now);
            }
        } else {
            ExpectedOutcome expectation = (ExpectedOutcome) state;
            checkStorable(snapshot);
            // the pending side replaces the expectation in the pair store
            waitForCounterpart(key, snapshot, expectation == null || expectation.shadowExpected(), null);
            if (expectation != null) {
                deadlines.remove(expectation.deadlineMs(), EXPECTED, key);
            }
        }
        deadlines.advance(snapshot.answeredAt().toEpochMilli());
    }

    private void waitForCounterpart(String key, OutcomeSnapshot snapshot, boolean shadowExpected, Verdict supersedes) {
        long deadline = snapshot.answeredAt().toEpochMilli() + policy.timing(snapshot.context()).window().toMillis();
        pairs.put(key, new PendingOutcome(snapshot, deadline, shadowExpected, supersedes));
        countPending(+1);
        deadlines.add(deadline, PENDING, key);
    }

    /**
     * How many outcomes wait, counted as they come and go (the store's own estimate counts the tombstones of pairs
     * decided within one commit wrongly); counted once from the store for state kept before the count was.
     */
    private long storedPendingCount() {
        Long stored = progress.get(PENDING_COUNT);
        if (stored != null) {
            return stored;
        }
        long count = 0;
        try (KeyValueIterator<String, PairState> all = pairs.all()) {
            while (all.hasNext()) {
                if (all.next().value instanceof PendingOutcome) {
                    count++;
                }
            }
        }
        if (stages != null) {
            count += stages.pendingLeft();
        }
        progress.put(PENDING_COUNT, count);
        return count;
    }

    /** The pair's state, wherever it is (taken into the pair store if a stage store of an earlier version held it). */
    private PairState stateOf(String key) {
        PairState state = pairs.get(key);
        if (state == null && stages != null) {
            state = stages.take(key);
            if (state != null) {
                pairs.put(key, state);
            }
        }
        return state;
    }

    /** A pending side leaves the count; the pair store's next state for its key replaces it. */
    private void leavePending() {
        countPending(-1);
    }

    private void countPending(int change) {
        pendingCount += change;
        progress.put(PENDING_COUNT, pendingCount);
    }

    private void pair(String key, PendingOutcome first, OutcomeSnapshot second, long now) {
        OutcomeSnapshot one = first.snapshot();
        boolean secondLater = !second.answeredAt().isBefore(one.answeredAt());
        OutcomeSnapshot earlier = secondLater ? one : second;
        long lag = Math.abs(second.answeredAt().toEpochMilli() - one.answeredAt().toEpochMilli());
        CorrelationPolicy.Timing timing = policy.timing(one.context());
        long window = timing.window().toMillis();
        long grace = timing.grace().toMillis();
        Verdict verdict;
        if (lag > window + grace) {
            // read late, answered too late: without a backlog, the earlier side's MISSING_* would have been final
            verdict = decider.missing(earlier, Instant.ofEpochMilli(now), first.supersedes());
        } else {
            verdict = decide(one, second, now, lag > window, first.supersedes());
        }
        byte[] encoded = encode(verdict);
        if (lag > window) {
            metrics.lateArrival(second.context(), second.outcomeType(), lag <= window + grace);
        }
        metrics.arrivalSkew(second.context(), second.outcomeType(), lag);
        leavePending();
        deadlines.remove(first.deadlineMs(), PENDING, key);
        emit(verdict, encoded, now);
        long answered = Math.max(one.answeredAt().toEpochMilli(), second.answeredAt().toEpochMilli());
        // both sides are in: nothing can supersede this verdict, it is remembered from the later answer on
        remember(key, verdict, EnumSet.allOf(Side.class), null, answered, answered, true);
    }

    private void onDecidedPair(String key, DecidedPair pair, OutcomeSnapshot snapshot, long now) {
        long answered = snapshot.answeredAt().toEpochMilli();
        if (pair.arrivedSides().isEmpty()) {
            // the first answer after an UNANSWERED verdict: it waits for its counterpart, and its verdict supersedes
            checkStorable(snapshot);
            deadlines.remove(pair.retainUntilMs(), DECIDED, key);
            waitForCounterpart(key, snapshot, pair.shadowExpected(), pair.verdict());
            return;
        }
        if (pair.arrivedSides().contains(snapshot.side()) || pair.waiting() == null) {
            metrics.duplicateDropped(snapshot.context(), snapshot.outcomeType());
            return;
        }
        boolean withinGrace = answered <= pair.graceUntilMs();
        Verdict verdict = withinGrace ? decide(pair.waiting(), snapshot, now, true, pair.verdict()) : pair.verdict();
        byte[] encoded = withinGrace ? encode(verdict) : null;
        metrics.lateArrival(snapshot.context(), snapshot.outcomeType(), withinGrace);
        metrics.arrivalSkew(snapshot.context(), snapshot.outcomeType(),
                Math.abs(answered - pair.waiting().answeredAt().toEpochMilli()));
        deadlines.remove(pair.retainUntilMs(), DECIDED, key);
        if (withinGrace) {
            emit(verdict, encoded, now);
        }
        // beyond the grace the MISSING_* verdict is final; the side is remembered as a duplicate guard
        remember(key, verdict, EnumSet.allOf(Side.class), null, pair.graceUntilMs(), answered, true);
    }

    /**
     * Expects one outcome of each type the intent's context compares. An intent sampling left out expects no
     * shadow answer; its legacy outcome may have been read before it (other topic, other partition): that
     * outcome then stops waiting for a shadow answer too, so arrival order does not change the result.
     */
    private void expectOutcomes(Record<String, byte[]> record, String topic, long now) {
        CloudEvent intent;
        try {
            intent = SiblingDecoding.read(codec, record.value());
            if (!Objects.equals(record.key(), intent.correlationId())) {
                throw new MalformedEventException("record key is not the correlation id");
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("not expecting outcomes for an unreadable intent from {}: {}", topic, reason(e));
            metrics.intentSkipped(topic);
            return;
        }
        if (intent.isFallback()) {
            return; // reconciliation's own re-issue of an intent for legacy to execute: its original is already expected
        }
        boolean sampled = intent.inSample();
        long acceptedAt = Math.min(intent.time().toEpochMilli(), now);
        CorrelationPolicy.Timing timing = policy.timing(intent.boundedContext());
        long deadline = acceptedAt + timing.window().toMillis() + timing.grace().toMillis();
        boolean firstReading = false;
        for (String outcomeType : expectations.outcomeTypes(intent.boundedContext())) {
            String key = new PairKey(intent.correlationId(), outcomeType).asString();
            PairState state = stateOf(key);
            if (state instanceof PendingOutcome answered) {
                if (!sampled && answered.shadowExpected()) {
                    pairs.put(key, new PendingOutcome(answered.snapshot(), answered.deadlineMs(), false,
                            answered.supersedes()));
                    firstReading = true;
                }
                continue; // an answer was read first
            }
            if (state != null) {
                continue; // decided before the intent was read, or a duplicate intent
            }
            pairs.put(key, new ExpectedOutcome(intent.id(), intent.boundedContext(), deadline, sampled,
                    intent.isReplay() ? intent.replayId() : null));
            deadlines.add(deadline, EXPECTED, key);
            firstReading = true;
        }
        if (!sampled && firstReading) {
            metrics.intentUnsampled(intent.boundedContext());
        }
        deadlines.advance(acceptedAt);
    }

    private void expire(long now) {
        if (stages != null && stages.moveSome(pairs)) {
            log.info("the stage stores of an earlier version are empty: every pair is in {}", PAIR_STORE);
            stages = null;
        }
        DeadlineIndex.Due due = deadlines.due(now);
        long eventNow = due.eventNow();
        for (DeadlineIndex.Entry entry : due.entries()) {
            deadlines.remove(entry);
            char kind = entry.kind();
            String key = entry.key();
            try {
                switch (kind) {
                    case PENDING -> expirePending(key, now, eventNow);
                    case EXPECTED -> expireExpected(key, now, eventNow);
                    case DECIDED -> compact(key, eventNow);
                    default -> {
                        if (stateOf(key) instanceof SeenPair seen && seen.untilMs() <= eventNow) {
                            pairs.delete(key);
                        }
                    }
                }
            } catch (KafkaException e) {
                throw e;
            } catch (RuntimeException e) {
                // its index entry is gone: one bad entry never stops expiry for the rest
                log.error("could not expire {} ({}): {}", key, kind, reason(e), e);
                metrics.expiryFailed();
            }
        }
    }

    private void expirePending(String key, long now, long eventNow) {
        if (!(stateOf(key) instanceof PendingOutcome first) || first.deadlineMs() > eventNow) {
            return;
        }
        OutcomeSnapshot present = first.snapshot();
        long graceUntil = first.deadlineMs() + policy.timing(present.context()).grace().toMillis();
        if (!first.shadowExpected() && present.side() == Side.LEGACY) {
            // sampling left the intent out of the parallel run: no shadow answer was due, so no verdict (after an
            // UNANSWERED verdict too: legacy answered beyond window and grace, UNANSWERED stays the current one)
            leavePending();
            rememberKey(key, graceUntil);
            return;
        }
        Verdict verdict = decider.missing(present, Instant.ofEpochMilli(now), first.supersedes());
        byte[] encoded = encode(verdict);
        leavePending();
        emit(verdict, encoded, now);
        boolean missing = verdict.classification() == Classification.MISSING_LEGACY
                || verdict.classification() == Classification.MISSING_SHADOW;
        remember(key, verdict, EnumSet.of(present.side()), missing ? present : null, graceUntil,
                Math.max(graceUntil, eventNow), true);
    }

    private void expireExpected(String key, long now, long eventNow) {
        // a pair that was answered in the meantime is in a later stage: nothing is due
        if (!(stateOf(key) instanceof ExpectedOutcome expectation) || expectation.deadlineMs() > eventNow) {
            return;
        }
        Verdict verdict = decider.unanswered(PairKey.parse(key), expectation.context(), Instant.ofEpochMilli(now),
                expectation.replayId());
        byte[] encoded = encode(verdict);
        emit(verdict, encoded, now);
        remember(key, verdict, EnumSet.noneOf(Side.class), null, expectation.deadlineMs(), eventNow,
                expectation.shadowExpected());
    }

    /** A decided pair past its retention: only its key is kept, until the duplicate horizon. */
    private void compact(String key, long eventNow) {
        if (!(stateOf(key) instanceof DecidedPair pair) || pair.retainUntilMs() > eventNow) {
            return;
        }
        rememberKey(key, pair.retainUntilMs() - policy.duplicateRetention().toMillis());
    }

    private void rememberKey(String key, long fromMs) {
        long until = fromMs + policy.duplicateHorizon().toMillis();
        pairs.put(key, new SeenPair(until));
        deadlines.add(until, SEEN, key);
    }

    private Verdict decide(OutcomeSnapshot one, OutcomeSnapshot other, long now, boolean late, Verdict supersedes) {
        OutcomeSnapshot legacy = one.side() == Side.LEGACY ? one : other;
        OutcomeSnapshot shadow = one.side() == Side.SHADOW ? one : other;
        return decider.decide(legacy, shadow, Instant.ofEpochMilli(now), late, supersedes);
    }

    private void remember(String key, Verdict verdict, Set<Side> arrived, OutcomeSnapshot waiting, long graceUntil,
            long decidedAtEventTime, boolean shadowExpected) {
        Verdict compact = new Verdict(verdict.verdictId(), verdict.revision(), verdict.supersedes(),
                verdict.correlationId(), verdict.context(), verdict.outcomeType(), verdict.classification(),
                verdict.severity(), List.of(), verdict.ruleSetVersion(), verdict.legacyReceivedAt(),
                verdict.shadowReceivedAt(), verdict.decidedAt(), verdict.legacyEventId(), verdict.shadowEventId(),
                null, null, verdict.replayId());
        long retainUntil = Math.max(graceUntil, decidedAtEventTime) + policy.duplicateRetention().toMillis();
        pairs.put(key, new DecidedPair(compact, arrived, waiting, graceUntil, retainUntil, shadowExpected));
        deadlines.add(retainUntil, DECIDED, key);
    }

    /** The verdict as its CloudEvent; refuses one the producer could not send, before anything is changed. */
    private byte[] encode(Verdict verdict) {
        CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, SOURCE, verdict.decidedAt(),
                verdict.correlationId(), verdict.context(), codec.tree(verdict));
        byte[] bytes = codec.write(event);
        if (bytes.length > maxVerdictBytes) {
            throw new UnprocessableRecordException("the verdict would be " + bytes.length
                    + " bytes, more than the " + maxVerdictBytes + " a produce request can carry", null);
        }
        return bytes;
    }

    private void emit(Verdict verdict, byte[] encoded, long now) {
        context.forward(new Record<>(verdict.correlationId(), encoded, now), VERDICT_SINK);
    }


    private OutcomeSnapshot snapshot(CloudEvent event, Record<String, byte[]> record, String topic, long now) {
        if (event.side() == null) {
            throw new MalformedEventException("not an outcome: the side attribute is missing");
        }
        Side side = event.outcomeSide();
        if (!side.outcomeTopic().equals(topic)) {
            throw new MalformedEventException("a " + side.wireName() + " outcome on " + topic);
        }
        if (event.boundedContext() == null || event.boundedContext().isBlank()) {
            throw new MalformedEventException("boundedcontext is required on an outcome");
        }
        if (!Objects.equals(record.key(), event.correlationId())) {
            throw new MalformedEventException("record key " + record.key() + " is not the correlation id "
                    + event.correlationId() + ": outcomes must be keyed by correlation id");
        }
        Instant received = Instant.ofEpochMilli(now);
        // a clock ahead of ours cannot move event time past the wall clock
        Instant answered = event.time().isAfter(received) ? received : event.time();
        return new OutcomeSnapshot(event.id(), event.correlationId(), event.causationId(), event.boundedContext(),
                event.outcomeType(), side, event.status(), event.data(), received, answered,
                event.isReplay() ? event.replayId() : null);
    }

    /**
     * What the pair store will have to write, written once before anything changes: unstorable data is poison, not a
     * crash loop. Only a side that waits is stored; a second side is written only into its verdict, which
     * {@link #encode} checks.
     */
    private void checkStorable(OutcomeSnapshot snapshot) {
        try {
            codec.mapper().writeValueAsBytes(snapshot);
        } catch (RuntimeException e) {
            throw new UnprocessableRecordException("the outcome cannot be stored: " + reason(e), e);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String topic, String reason) {
        log.warn("dead-lettering a record from {}: {}", topic, reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Headers.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(metadata -> {
            headers.add(Headers.DLQ_ORIGINAL_PARTITION, Integer.toString(metadata.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.DLQ_ORIGINAL_OFFSET, Long.toString(metadata.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), deadLetterSink(topic));
        metrics.deadLettered(Topics.deadLetter(topic));
    }

    static String reason(Throwable e) {
        if (e instanceof MalformedEventException || e instanceof UnprocessableRecordException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

}
