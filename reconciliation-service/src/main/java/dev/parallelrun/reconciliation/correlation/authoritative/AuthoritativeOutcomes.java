package dev.parallelrun.reconciliation.correlation.authoritative;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.correlation.DeadlineIndex;
import dev.parallelrun.reconciliation.correlation.SiblingDecoding;
import dev.parallelrun.reconciliation.correlation.authoritative.domain.OutcomeAuthority;
import dev.parallelrun.reconciliation.correlation.authoritative.domain.OutcomeAuthority.FallbackReason;
import dev.parallelrun.reconciliation.correlation.domain.CorrelationPolicy;
import dev.parallelrun.reconciliation.verdicts.domain.PairKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each (correlation id, outcome type)'s authoritative outcome to {@code outcomes.authoritative.v1} as soon
 * as it is read, unchanged, once; and asks legacy to fall back when the authoritative new service failed or is
 * missing at the end of the matching window. Runs beside the pair correlator on the same records, in the same
 * task and the same Streams transaction (exactly-once): what is published and what is remembered as published
 * commit together, so a crash never publishes an outcome twice nor loses one.
 *
 * <p><b>Once.</b> What was published is remembered by its key (the {@code emitted} store) until the duplicate
 * horizon (event time), the participants' redelivery horizon: a redelivered or second copy is dropped. A fallback
 * is remembered the same way (by correlation id), so it is requested at most once per intent; and once it is, the
 * new service's late answers for the types not yet published are no longer the truth: legacy's fallback answers are.
 *
 * <p><b>Intents.</b> Every intent of a context with a rule set is remembered for its window plus grace: its time,
 * to measure how long each side took per outcome type; a shadow-authoritative one also whole, until its
 * authoritative outcomes are all published or its fallback is issued, because the fallback is the original intent
 * re-issued ({@link CloudEvent#asFallback}) onto its own intent topic, keyed by correlation id.
 *
 * <p><b>Time.</b> As in the pair correlator: deadlines are event time, kept in a time index read by a wall-clock
 * punctuator up to how far event time has provably got (the latest record read, or the wall clock once the task has
 * been idle for {@code idleAfter}).
 *
 * <p>A record it cannot read is skipped: the pair correlator dead-letters it. Fallback intents, which this
 * processor itself writes and then reads back from the intent topic, are ignored.
 */
final class AuthoritativeOutcomes implements Processor<String, byte[], String, byte[]> {

    static final String EMITTED_STORE = "authoritative-emitted";
    static final String INTENT_STORE = "authoritative-intents";
    static final String DEADLINE_INDEX = "authoritative-deadlines";
    static final String PROGRESS_STORE = "authoritative-progress";
    static final String AUTHORITATIVE_SINK = "authoritative-sink";
    /** The header naming why a fallback intent was issued ({@code failed} or {@code missing}), for its counter. */
    static final String FALLBACK_REASON_HEADER = "parallelrun-fallback-reason";

    private static final Logger log = LoggerFactory.getLogger(AuthoritativeOutcomes.class);
    /** The emitted-store key of a fallback: an outcome type no rule set can name (types are identifiers). */
    private static final String FALLBACK_MARK = "#fallback";
    private static final char WINDOW_END = 'W';
    private static final char FORGET_INTENT = 'R';
    private static final char FORGET_EMITTED = 'E';

    private final CorrelationPolicy policy;
    private final Map<String, List<String>> outcomeTypesByContext;
    private final AuthorityMetrics metrics;
    private final Duration punctuateInterval;
    private final EventCodec codec = EventCodec.standard();

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Long> emitted;
    private KeyValueStore<String, IntentWatch> intents;
    private DeadlineIndex deadlines;

    AuthoritativeOutcomes(CorrelationPolicy policy, Map<String, List<String>> outcomeTypesByContext,
            AuthorityMetrics metrics, Duration punctuateInterval) {
        this.policy = policy;
        this.outcomeTypesByContext = Map.copyOf(outcomeTypesByContext);
        this.metrics = metrics;
        this.punctuateInterval = punctuateInterval;
    }

    static String fallbackSink(String context) {
        return "fallback-sink:" + context;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.emitted = context.getStateStore(EMITTED_STORE);
        this.intents = context.getStateStore(INTENT_STORE);
        this.deadlines = new DeadlineIndex(context.getStateStore(DEADLINE_INDEX), context.getStateStore(PROGRESS_STORE),
                policy.idleAfter(), context.currentSystemTimeMs());
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        long now = context.currentSystemTimeMs();
        deadlines.recordRead(now);
        CloudEvent event;
        try {
            event = SiblingDecoding.read(codec, record.value());
            if (!Objects.equals(record.key(), event.correlationId())) {
                return; // not keyed by correlation id: the pair correlator dead-letters an outcome like that
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            return; // unreadable: the pair correlator dead-letters it (or, for an intent, the participants do)
        }
        try {
            if (Topics.OUTCOMES_LEGACY.equals(topic) || Topics.OUTCOMES_SHADOW.equals(topic)) {
                onOutcome(record, topic, event, now);
            } else {
                onIntent(event, now);
            }
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            // an outcome the pair correlator refuses too (no side, an unknown status): never the truth
            log.debug("not an authoritative candidate from {}: {}", topic, e.toString());
        }
    }

    private void onOutcome(Record<String, byte[]> record, String topic, CloudEvent outcome, long now) {
        Side side = outcome.outcomeSide();
        outcome.status(); // an outcome without a known status is poison to the pair correlator: never the truth either
        if (!side.outcomeTopic().equals(topic) || outcome.outcomeType() == null || outcome.boundedContext() == null) {
            return;
        }
        long answered = Math.min(outcome.time().toEpochMilli(), now);
        OutcomeAuthority.Standing standing = OutcomeAuthority.standing(outcome);
        if (!outcome.isReplay() && !outcome.isFallback()) {
            measure(outcome, side, answered);
        }
        String correlationId = outcome.correlationId();
        switch (standing) {
            case AUTHORITATIVE -> {
                boolean fallenBack = emitted.get(fallbackKey(correlationId)) != null;
                if (side == Side.SHADOW && fallenBack) {
                    break; // legacy was asked to stand in: its fallback answers are the truth now
                }
                publish(record, correlationId, outcome.outcomeType(), answered);
            }
            case FALLBACK_NEEDED -> fallBack(correlationId, outcome.boundedContext(), FallbackReason.FAILED, now, answered);
            case NOT_AUTHORITATIVE -> {
            }
        }
        deadlines.advance(answered);
    }

    /** Publishes the outcome unchanged, unless its type's truth is already published. */
    private void publish(Record<String, byte[]> record, String correlationId, String outcomeType, long answered) {
        String key = new PairKey(correlationId, outcomeType).asString();
        if (emitted.get(key) != null) {
            return; // a redelivery, a second copy, or the fallback's answer for a type the new service already settled
        }
        context.forward(record, AUTHORITATIVE_SINK);
        remember(key, answered);
        IntentWatch watch = intents.get(correlationId);
        if (watch != null && watch.awaiting() != null) {
            IntentWatch settled = watch.settling(outcomeType);
            if (settled.settled().containsAll(outcomeTypes(watch.context()))) {
                settled = settled.withoutAwaiting(); // every authoritative outcome is in: no fallback can be needed
            }
            intents.put(correlationId, settled);
        }
    }

    /** Each side's processing time per outcome type, once per side and type, when the intent's time is known. */
    private void measure(CloudEvent outcome, Side side, long answered) {
        IntentWatch watch = intents.get(outcome.correlationId());
        if (watch == null || !watch.intentRead() || !Objects.equals(watch.intentId(), outcome.causationId())) {
            return;
        }
        String mark = side.wireName() + "|" + outcome.outcomeType();
        if (watch.measured().contains(mark)) {
            return;
        }
        metrics.sideLatency(watch.context(), side, outcome.outcomeType(),
                Duration.ofMillis(Math.max(0, answered - watch.intentTimeMs())));
        intents.put(outcome.correlationId(), watch.measuring(mark));
    }

    private void onIntent(CloudEvent intent, long now) {
        if (intent.isFallback() || intent.isReplay()) {
            return; // a fallback (ours, read back) or a replay is never the intent whose truth is awaited
        }
        String correlationId = intent.correlationId();
        List<String> types = outcomeTypes(intent.boundedContext());
        if (types.isEmpty()) {
            return;
        }
        IntentWatch earlier = intents.get(correlationId);
        if (earlier != null && earlier.intentRead()) {
            return; // a duplicate intent
        }
        long acceptedAt = Math.min(intent.time().toEpochMilli(), now);
        CorrelationPolicy.Timing timing = policy.timing(intent.boundedContext());
        long windowEnd = acceptedAt + timing.window().toMillis();
        long retainUntil = windowEnd + timing.grace().toMillis();
        List<String> unsettled = new ArrayList<>();
        for (String type : types) {
            if (emitted.get(new PairKey(correlationId, type).asString()) == null) {
                unsettled.add(type);
            }
        }
        boolean awaits = OutcomeAuthority.mayNeedFallback(intent) && !unsettled.isEmpty()
                && emitted.get(fallbackKey(correlationId)) == null;
        Set<String> settled = new HashSet<>(types);
        settled.removeAll(unsettled);
        boolean failedFirst = earlier != null && earlier.shadowFailed();
        IntentWatch watch = new IntentWatch(intent.id(), intent.boundedContext(), acceptedAt, awaits ? intent : null,
                settled, Set.of(), failedFirst, windowEnd, Math.max(retainUntil,
                        earlier == null ? retainUntil : earlier.retainUntilMs()));
        intents.put(correlationId, watch);
        deadlines.add(watch.retainUntilMs(), FORGET_INTENT, correlationId);
        if (awaits) {
            deadlines.add(windowEnd, WINDOW_END, correlationId);
            if (failedFirst) {
                fallBack(correlationId, intent.boundedContext(), FallbackReason.FAILED, now, acceptedAt);
            }
        }
        deadlines.advance(acceptedAt);
    }

    /**
     * Re-issues the awaited intent as a fallback, once. A failure read before its intent is marked, and falls back as
     * soon as the intent is read.
     */
    private void fallBack(String correlationId, String contextName, FallbackReason reason, long now, long eventTime) {
        String mark = fallbackKey(correlationId);
        if (emitted.get(mark) != null) {
            return;
        }
        IntentWatch watch = intents.get(correlationId);
        if (watch == null || !watch.intentRead()) {
            if (reason == FallbackReason.FAILED && watch == null) {
                CorrelationPolicy.Timing timing = policy.timing(contextName);
                long until = eventTime + timing.window().toMillis() + timing.grace().toMillis();
                intents.put(correlationId, IntentWatch.failureBeforeIntent(contextName, until));
                deadlines.add(until, FORGET_INTENT, correlationId);
            }
            return;
        }
        CloudEvent original = watch.awaiting();
        if (original == null) {
            return; // legacy was authoritative, or every authoritative outcome is already in
        }
        CloudEvent fallback = original.asFallback(OutcomeAuthority.fallbackId(original.id()), Instant.ofEpochMilli(now));
        RecordHeaders headers = new RecordHeaders();
        headers.add(FALLBACK_REASON_HEADER, reason.wireName().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(correlationId, codec.write(fallback), now, headers),
                fallbackSink(original.boundedContext()));
        remember(mark, eventTime);
        intents.put(correlationId, watch.withoutAwaiting());
        log.info("fallback {} requested for intent {} ({}): the authoritative new service {}", fallback.id(),
                original.id(), correlationId, reason == FallbackReason.FAILED ? "failed" : "did not answer in time");
    }

    private void expire(long now) {
        DeadlineIndex.Due due = deadlines.due(now);
        long eventNow = due.eventNow();
        for (DeadlineIndex.Entry entry : due.entries()) {
            deadlines.remove(entry);
            char kind = entry.kind();
            String key = entry.key();
            try {
                switch (kind) {
                    case WINDOW_END -> {
                        IntentWatch watch = intents.get(key);
                        if (watch != null && watch.awaiting() != null && watch.windowEndMs() <= eventNow) {
                            fallBack(key, watch.context(), FallbackReason.MISSING, now, watch.windowEndMs());
                        }
                    }
                    case FORGET_INTENT -> {
                        IntentWatch watch = intents.get(key);
                        if (watch != null && watch.retainUntilMs() <= eventNow) {
                            intents.delete(key);
                        }
                    }
                    default -> {
                        Long until = emitted.get(key);
                        if (until != null && until <= eventNow) {
                            emitted.delete(key);
                        }
                    }
                }
            } catch (KafkaException e) {
                throw e;
            } catch (RuntimeException e) {
                log.error("could not expire {} ({}): {}", key, kind, e.toString(), e);
            }
        }
    }

    /** Remembers a published outcome or an issued fallback until the duplicate horizon. */
    private void remember(String key, long fromEventTime) {
        long until = fromEventTime + policy.duplicateHorizon().toMillis();
        emitted.put(key, until);
        deadlines.add(until, FORGET_EMITTED, key);
    }

    private List<String> outcomeTypes(String contextName) {
        return contextName == null ? List.of() : outcomeTypesByContext.getOrDefault(contextName, List.of());
    }


    static String fallbackKey(String correlationId) {
        return new PairKey(correlationId, FALLBACK_MARK).asString();
    }

}
