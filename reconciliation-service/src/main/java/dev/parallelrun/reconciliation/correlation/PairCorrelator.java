package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.domain.OutcomeSnapshot;
import dev.parallelrun.reconciliation.domain.VerdictDecider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
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
 * as the counterpart arrives.
 *
 * <p>The first side of a pair waits in the pending store. A time index (keys ordered by deadline)
 * lets the wall-clock punctuator find expired pairs with one range scan instead of visiting every
 * pending entry; an expired pair gets a {@code MISSING_*} verdict, and a counterpart arriving within
 * the late grace supersedes it. Decided pairs are remembered for a while so that duplicates are
 * dropped, never decided twice. Poison records go to their topic's dead-letter topic with the reason.
 */
final class PairCorrelator implements Processor<String, byte[], String, byte[]> {

    static final String PENDING_STORE = "pending-outcomes";
    static final String DECIDED_STORE = "decided-pairs";
    static final String DEADLINE_INDEX = "deadline-index";
    static final String VERDICT_SINK = "verdict-sink";
    static final String SOURCE = "urn:parallelrun:reconciliation-service";
    /** Bounds the work of one punctuation; the rest is picked up by the next. */
    static final int MAX_EXPIRIES_PER_PUNCTUATION = 10_000;

    private static final Logger log = LoggerFactory.getLogger(PairCorrelator.class);
    private static final char PENDING = 'P';
    private static final char DECIDED = 'D';

    private final VerdictDecider decider;
    private final CorrelationPolicy policy;
    private final CorrelationMetrics metrics;
    private final Duration punctuateInterval;
    private final EventCodec codec = EventCodec.standard();

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, PendingOutcome> pending;
    private KeyValueStore<String, DecidedPair> decided;
    private KeyValueStore<String, String> deadlines;

    PairCorrelator(VerdictDecider decider, CorrelationPolicy policy, CorrelationMetrics metrics, Duration punctuateInterval) {
        this.decider = decider;
        this.policy = policy;
        this.metrics = metrics;
        this.punctuateInterval = punctuateInterval;
    }

    static String deadLetterSink(String topic) {
        return "dead-letter-sink:" + topic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.pending = context.getStateStore(PENDING_STORE);
        this.decided = context.getStateStore(DECIDED_STORE);
        this.deadlines = context.getStateStore(DEADLINE_INDEX);
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        OutcomeSnapshot snapshot;
        try {
            snapshot = snapshot(record, topic);
        } catch (MalformedEventException | IllegalArgumentException e) {
            deadLetter(record, topic, e.getMessage());
            return;
        }
        long now = context.currentSystemTimeMs();
        String key = snapshot.pairKey().asString();
        DecidedPair alreadyDecided = decided.get(key);
        if (alreadyDecided != null) {
            onDecidedPair(key, alreadyDecided, snapshot, now);
            return;
        }
        PendingOutcome first = pending.get(key);
        if (first == null) {
            long deadline = now + policy.timing(snapshot.context()).window().toMillis();
            pending.put(key, new PendingOutcome(snapshot, deadline));
            deadlines.put(indexKey(deadline, PENDING, key), key);
            return;
        }
        if (first.snapshot().side() == snapshot.side()) {
            metrics.duplicateDropped(snapshot.context(), snapshot.outcomeType());
            return;
        }
        pending.delete(key);
        deadlines.delete(indexKey(first.deadlineMs(), PENDING, key));
        metrics.arrivalSkew(snapshot.context(), snapshot.outcomeType(),
                Math.abs(snapshot.receivedAt().toEpochMilli() - first.snapshot().receivedAt().toEpochMilli()));
        Verdict verdict = decide(first.snapshot(), snapshot, now, false, null);
        emit(verdict, now);
        remember(key, verdict, EnumSet.allOf(Side.class), null, now, now + policy.duplicateRetention().toMillis());
    }

    private void onDecidedPair(String key, DecidedPair pair, OutcomeSnapshot snapshot, long now) {
        if (pair.arrivedSides().contains(snapshot.side()) || pair.waiting() == null) {
            metrics.duplicateDropped(snapshot.context(), snapshot.outcomeType());
            return;
        }
        boolean withinGrace = now <= pair.graceUntilMs();
        metrics.lateArrival(snapshot.context(), snapshot.outcomeType(), withinGrace);
        metrics.arrivalSkew(snapshot.context(), snapshot.outcomeType(),
                Math.abs(snapshot.receivedAt().toEpochMilli() - pair.waiting().receivedAt().toEpochMilli()));
        deadlines.delete(indexKey(pair.retainUntilMs(), DECIDED, key));
        long retainUntil = now + policy.duplicateRetention().toMillis();
        if (!withinGrace) {
            // too late to change the verdict: the MISSING_* verdict is final; remember the side as a duplicate guard
            remember(key, pair.verdict(), EnumSet.allOf(Side.class), null, pair.graceUntilMs(), retainUntil);
            return;
        }
        Verdict verdict = decide(pair.waiting(), snapshot, now, true, pair.verdict());
        emit(verdict, now);
        remember(key, verdict, EnumSet.allOf(Side.class), null, now, retainUntil);
    }

    private void expire(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range(indexKey(0, PENDING, ""), indexKey(now, '~', ""))) {
            while (it.hasNext() && due.size() < MAX_EXPIRIES_PER_PUNCTUATION) {
                due.add(it.next());
            }
        }
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            char kind = entry.key.charAt(20);
            String key = entry.value;
            if (kind == PENDING) {
                expirePending(key, now);
            } else {
                DecidedPair pair = decided.get(key);
                if (pair != null && pair.retainUntilMs() <= now) {
                    decided.delete(key);
                }
            }
        }
    }

    private void expirePending(String key, long now) {
        PendingOutcome first = pending.get(key);
        if (first == null || first.deadlineMs() > now) {
            return;
        }
        pending.delete(key);
        OutcomeSnapshot present = first.snapshot();
        Verdict verdict = decider.missing(present, Instant.ofEpochMilli(now));
        emit(verdict, now);
        boolean missing = verdict.classification() == Classification.MISSING_LEGACY
                || verdict.classification() == Classification.MISSING_SHADOW;
        long graceUntil = first.deadlineMs() + policy.timing(present.context()).grace().toMillis();
        remember(key, verdict, EnumSet.of(present.side()), missing ? present : null, graceUntil,
                Math.max(graceUntil, now) + policy.duplicateRetention().toMillis());
    }

    private Verdict decide(OutcomeSnapshot one, OutcomeSnapshot other, long now, boolean late, Verdict supersedes) {
        OutcomeSnapshot legacy = one.side() == Side.LEGACY ? one : other;
        OutcomeSnapshot shadow = one.side() == Side.SHADOW ? one : other;
        return decider.decide(legacy, shadow, Instant.ofEpochMilli(now), late, supersedes);
    }

    private void remember(String key, Verdict verdict, Set<Side> arrived, OutcomeSnapshot waiting, long graceUntil,
            long retainUntil) {
        Verdict compact = new Verdict(verdict.verdictId(), verdict.revision(), verdict.supersedes(),
                verdict.correlationId(), verdict.context(), verdict.outcomeType(), verdict.classification(),
                verdict.severity(), List.of(), verdict.ruleSetVersion(), verdict.legacyReceivedAt(),
                verdict.shadowReceivedAt(), verdict.decidedAt(), verdict.legacyEventId(), verdict.shadowEventId(),
                null, null);
        decided.put(key, new DecidedPair(compact, arrived, waiting, graceUntil, retainUntil));
        deadlines.put(indexKey(retainUntil, DECIDED, key), key);
    }

    private void emit(Verdict verdict, long now) {
        CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, SOURCE, verdict.decidedAt(),
                verdict.correlationId(), verdict.context(), codec.tree(verdict));
        context.forward(new Record<>(verdict.correlationId(), codec.write(event), now), VERDICT_SINK);
    }

    private OutcomeSnapshot snapshot(Record<String, byte[]> record, String topic) {
        CloudEvent event = codec.read(record.value());
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
        return new OutcomeSnapshot(event.id(), event.correlationId(), event.boundedContext(), event.outcomeType(),
                side, event.status(), event.data(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
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

    /** Fixed-width epoch millis first, so that keys sort by deadline. */
    static String indexKey(long epochMillis, char kind, String pairKey) {
        return String.format("%019d|%c|%s", epochMillis, kind, pairKey);
    }
}
