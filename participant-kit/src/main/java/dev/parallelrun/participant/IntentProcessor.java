package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import dev.parallelrun.participant.personaldata.PersonalDataDecryptor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Processes one delivery of an intent around the participant's {@link IntentHandler}, exactly once in effect.
 *
 * <p>The handler sees the intent with its personal fields decrypted ({@link PersonalDataDecryptor}); a subject that
 * was erased reads {@code [erased]}, and the handler still decides.
 *
 * <p>An intent sampling left out ({@code sampled=false}) is skipped by the shadow side: no outcome, counted. So is a
 * fallback intent ({@code fallback=true}): legacy is asked to execute it for real because the new service failed it or
 * did not answer; the new service has decided (or is deciding) the original and must not decide a second time. An intent
 * decided before re-publishes its stored outcomes (same ids, same bytes) without calling the handler. Otherwise the
 * handler decides; its outcomes (processed-intent record) and its side effects (through the {@link SideEffectGate})
 * commit in one database transaction, and only then are the outcomes published, awaiting the broker's acknowledgement.
 * Worked {@linkplain #inOrder() in order}, the decisions of a poll's intents share that transaction and that wait.
 * If publishing fails, the exception makes the consumer redeliver the intent, which then finds its stored outcomes: a
 * crash between commit and publish, or a duplicate delivery, neither loses nor doubles anything.
 *
 * <p>An intent the new service is authoritative for but receives after its authority deadline is decided as a
 * non-authoritative one ({@link SideEffectGate#asDecidable}): by then reconciliation may have handed it to legacy.
 *
 * <p>A replayed intent is decided by the handler like any other, its side effects suppressed by the gate. Where
 * {@code participant.replays.answer-from-stored-outcomes} is set (the legacy adapter), a governed replay
 * ({@code replaykind} {@code replay}) is not: it is answered with the outcomes stored for the original intent
 * ({@link StoredOutcomeReplay}), and no side effect is recorded; a noise replay is still decided by the handler. Either
 * way the replayed intent is then recorded as processed, so its redelivery re-publishes the same outcomes.
 */
public final class IntentProcessor {

    private static final Logger log = LoggerFactory.getLogger(IntentProcessor.class);

    private final Side side;
    private final Map<String, IntentHandler> handlers;
    private final ProcessedIntents processedIntents;
    private final SideEffectGate gate;
    private final OutcomePublisher publisher;
    private final TransactionOperations transactions;
    private final ParticipantMetrics metrics;
    private final PersonalDataDecryptor personalData;
    /** {@code null} where every replay is decided by the handler. */
    private final StoredOutcomeReplay storedOutcomeReplay;

    /** A processor that hands intents to the handler as published, personal fields encrypted (tests of handlers). */
    public IntentProcessor(ParticipantProperties properties, List<IntentHandler> handlers, ProcessedIntents processedIntents,
            SideEffectGate gate, OutcomePublisher publisher, TransactionOperations transactions,
            ParticipantMetrics metrics) {
        this(properties, handlers, processedIntents, gate, publisher, transactions, metrics, PersonalDataDecryptor.NONE);
    }

    /**
     * A processor whose outcomes answering replays from the store are built with the system clock and the standard
     * codec.
     *
     * @param personalData decrypts an intent's personal fields for the handler (only for it: nothing the kit stores
     *                     or publishes holds the decrypted intent)
     */
    public IntentProcessor(ParticipantProperties properties, List<IntentHandler> handlers, ProcessedIntents processedIntents,
            SideEffectGate gate, OutcomePublisher publisher, TransactionOperations transactions,
            ParticipantMetrics metrics, PersonalDataDecryptor personalData) {
        this(properties, handlers, processedIntents, gate, publisher, transactions, metrics, personalData,
                new Participant(properties.side(), properties.source(), Clock.systemUTC(), EventCodec.standard()),
                Clock.systemUTC());
    }

    /**
     * @param personalData decrypts an intent's personal fields for the handler (only for it: nothing the kit stores
     *                     or publishes holds the decrypted intent)
     * @param participant  builds the failed outcomes of a replay whose original has no stored outcomes
     * @param clock        the time of the outcomes answering a replay from the store
     * @throws IllegalStateException where replays are answered from stored outcomes and a handler does not name its
     *                               {@linkplain IntentHandler#outcomeTypes() outcome types}
     */
    public IntentProcessor(ParticipantProperties properties, List<IntentHandler> handlers, ProcessedIntents processedIntents,
            SideEffectGate gate, OutcomePublisher publisher, TransactionOperations transactions,
            ParticipantMetrics metrics, PersonalDataDecryptor personalData, Participant participant, Clock clock) {
        if (handlers.isEmpty()) {
            throw new IllegalStateException("a participant needs an IntentHandler bean: the kit has nothing to call");
        }
        this.side = properties.side();
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(
                handler -> handler.intentType().eventType(), Function.identity()));
        this.processedIntents = processedIntents;
        this.gate = gate;
        this.publisher = publisher;
        this.transactions = transactions;
        this.metrics = metrics;
        this.personalData = personalData;
        this.storedOutcomeReplay = properties.replays().answerFromStoredOutcomes()
                ? new StoredOutcomeReplay(processedIntents, participant, clock, properties.retention().processedIntents())
                : null;
        if (storedOutcomeReplay != null) {
            handlers.stream().filter(handler -> handler.outcomeTypes().isEmpty()).findFirst().ifPresent(handler -> {
                throw new IllegalStateException("participant.replays.answer-from-stored-outcomes needs every "
                        + "IntentHandler to name its outcome types: the handler of " + handler.intentType().eventType()
                        + " names none, so a replay without stored outcomes could not be answered");
            });
            metrics.registerReplaysAnsweredFromStore();
        }
    }

    /**
     * Processes one delivery of an intent: as a group of one ({@link InOrder}), unless it is skipped or a replay
     * answered from the store.
     *
     * @throws MalformedEventException      when the event is not an intent this participant can read: a poison record
     * @throws OutcomeNotPublishedException when the outcomes are durable but not yet published
     */
    public void process(CloudEvent intent) {
        InOrder alone = new InOrder();
        if (!alone.defer(0, intent)) {
            processAlone(intent);
            return;
        }
        InOrder.Failure failure = alone.flush();
        if (failure != null) {
            throw failure.cause();
        }
    }

    /** A group of deliveries worked on in order on the calling thread, with one commit and one acknowledgement wait. */
    InOrder inOrder() {
        return new InOrder();
    }

    /**
     * Deliveries processed in offset order on one thread (a poll's, or one alone), the handler's decisions stored in one
     * database transaction and every outcome published with one wait for the broker's acknowledgements. Deciding
     * intent by intent costs a commit (a disk flush) and a broker round trip each, which bounds a participant far below
     * what its handler could decide.
     *
     * <p>{@link #defer} takes an intent the handler must decide (it decides it) or one decided before (it reads the
     * stored outcomes), and keeps it pending. An intent it does not take (skipped, a replay answered from the store)
     * is for the caller to {@linkplain #flush flush} the pending ones and then {@linkplain #process process} alone, so
     * outcomes leave in the deliveries' order.
     */
    final class InOrder {

        private final List<Pending> pending = new ArrayList<>();

        /**
         * A delivery taken: either the handler's decision, or the outcomes stored when it was decided before.
         *
         * @param stored {@code null} for a decision to store
         */
        private record Pending(int index, CloudEvent intent, IntentHandler.Decision decision, List<CloudEvent> stored) {

            boolean decided() {
                return stored == null;
            }
        }

        /** A failure of the pending group: the deliveries before {@code index} are done, that one is not. */
        record Failure(int index, RuntimeException cause) {
        }

        /**
         * Takes the delivery and keeps it pending: decided by the handler, or with its stored outcomes when it was
         * decided before.
         *
         * @param index the delivery's position in the poll, which a {@link Failure} names
         * @return {@code false}, having done nothing, for an intent to {@linkplain #process process} alone: skipped, or a
         *         replay answered from the store
         * @throws MalformedEventException when the event is not an intent this participant can read: a poison record
         */
        boolean defer(int index, CloudEvent intent) {
            if (skipped(intent) != null || (storedOutcomeReplay != null && StoredOutcomeReplay.answers(intent))) {
                return false;
            }
            var earlier = processedIntents.outcomesOf(intent.id());
            if (earlier.isPresent()) {
                pending.add(new Pending(index, intent, null, earlier.get()));
                return true;
            }
            CloudEvent decidable = gate.asDecidable(intent);
            pending.add(new Pending(index, decidable, handlerOf(decidable).handle(personalData.decrypt(decidable)),
                    null));
            return true;
        }

        /**
         * Stores the pending decisions and their side effects in one transaction, then publishes every pending
         * delivery's outcomes (the stored ones where it was decided before, or where a concurrent delivery stored first)
         * and waits for every acknowledgement.
         *
         * @return {@code null} when all are published; else the first delivery not published, with why: the ones before
         *         it are (a failed transaction stores none, so it names the first pending delivery)
         */
        Failure flush() {
            if (pending.isEmpty()) {
                return null;
            }
            List<Pending> group = List.copyOf(pending);
            pending.clear();
            boolean[] first;
            try {
                first = group.stream().anyMatch(Pending::decided)
                        ? transactions.execute(transaction -> storeAll(group))
                        : new boolean[group.size()];
            } catch (RuntimeException e) {
                return new Failure(group.get(0).index(), e);
            }
            List<List<CloudEvent>> outcomes = new ArrayList<>(group.size());
            Failure unread = null;
            for (int position = 0; position < group.size() && unread == null; position++) {
                Pending delivery = group.get(position);
                try {
                    outcomes.add(first[position] ? delivery.decision().outcomes()
                            : delivery.decided() ? storedOutcomesOf(delivery.intent()) : delivery.stored());
                } catch (RuntimeException e) {
                    unread = new Failure(delivery.index(), e);
                }
            }
            int published = outcomes.size();
            Failure failure = unread;
            try {
                publisher.publishInOrder(outcomes);
            } catch (OutcomesPartlyPublishedException e) {
                published = e.firstNotPublished();
                failure = new Failure(group.get(published).index(), e.getCause());
            }
            for (int position = 0; position < published; position++) {
                Pending delivery = group.get(position);
                if (first[position]) {
                    // from the enum, not the event's text: the label's values stay bounded
                    metrics.intent(delivery.intent().boundedContext(),
                            delivery.decision().outcomes().get(0).status().wireName());
                } else {
                    republished(delivery.intent());
                }
            }
            return failure;
        }

        /** Which of the group's decisions were stored first (their side effects passed the gate with them). */
        private boolean[] storeAll(List<Pending> group) {
            boolean[] first = new boolean[group.size()];
            for (int position = 0; position < group.size(); position++) {
                Pending delivery = group.get(position);
                if (!delivery.decided()) {
                    continue;
                }
                CloudEvent intent = delivery.intent();
                first[position] = processedIntents.storeFirst(intent.id(), intent.correlationId(),
                        delivery.decision().outcomes());
                if (first[position]) {
                    gate.pass(intent, delivery.decision().sideEffects());
                }
            }
            return first;
        }
    }

    /** Why the shadow side skips an intent, with its metric label. */
    private enum Skip {
        NOT_SAMPLED(ParticipantMetrics.NOT_SAMPLED, "outside the sample"),
        FALLBACK(ParticipantMetrics.FALLBACK, "a fallback for legacy to execute");

        private final String label;
        private final String description;

        Skip(String label, String description) {
            this.label = label;
            this.description = description;
        }
    }

    /** Why the shadow side skips an intent (sampling left it out, or legacy executes it for real); {@code null} if not. */
    private Skip skipped(CloudEvent intent) {
        if (side != Side.SHADOW) {
            return null;
        }
        if (!intent.inSample()) {
            return Skip.NOT_SAMPLED;
        }
        return intent.isFallback() ? Skip.FALLBACK : null;
    }

    /** An intent no group takes: skipped, or a governed replay answered from the store. */
    private void processAlone(CloudEvent intent) {
        Skip skip = skipped(intent);
        if (skip != null) {
            log.debug("Intent {} (correlation {}) is {}: skipped", intent.id(), intent.correlationId(),
                    skip.description);
            metrics.intent(intent.boundedContext(), skip.label);
            return;
        }
        answerFromStore(intent);
    }

    /** A governed replay, answered with the original's stored outcomes: no handler, no side effect. */
    private void answerFromStore(CloudEvent replayed) {
        StoredOutcomeReplay.Answer answer = storedOutcomeReplay.answer(replayed, handlerOf(replayed).outcomeTypes());
        Boolean first = transactions.execute(transaction ->
                processedIntents.storeFirst(replayed.id(), replayed.correlationId(), answer.outcomes()));
        if (!Boolean.TRUE.equals(first)) {
            publisher.publish(storedOutcomesOf(replayed));
            republished(replayed);
            return;
        }
        if (answer.found()) {
            log.info("Replayed intent {} (correlation {}) answered with the outcomes stored for the original intent {}",
                    replayed.id(), replayed.correlationId(), replayed.causationId());
        } else {
            log.warn("Replayed intent {} (correlation {}) has no stored outcomes for the original intent {}: answered "
                    + "failed", replayed.id(), replayed.correlationId(), replayed.causationId());
        }
        publisher.publish(answer.outcomes());
        metrics.replayAnsweredFromStore(replayed.boundedContext(), answer.found());
        metrics.intent(replayed.boundedContext(), answer.outcomes().get(0).status().wireName());
    }

    private List<CloudEvent> storedOutcomesOf(CloudEvent intent) {
        return processedIntents.outcomesOf(intent.id()).orElseThrow(() -> new IllegalStateException(
                "intent " + intent.id() + " is recorded as processed but has no stored outcomes"));
    }

    /** Counts (and logs) an intent decided before whose stored outcomes were published again. */
    private void republished(CloudEvent intent) {
        log.info("Intent {} (correlation {}) was decided before; publishing its stored outcomes again", intent.id(),
                intent.correlationId());
        metrics.intent(intent.boundedContext(), ParticipantMetrics.DUPLICATE);
    }

    private IntentHandler handlerOf(CloudEvent intent) {
        if (handlers.size() == 1) {
            // the handler reads the intent and names what is wrong with it, type included
            return handlers.values().iterator().next();
        }
        IntentHandler handler = handlers.get(intent.type());
        if (handler == null) {
            throw new MalformedEventException("unexpected type " + intent.type() + ": expected one of "
                    + handlers.keySet());
        }
        return handler;
    }
}
