package dev.parallelrun.events.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.IntentType;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.OutcomeStatus;
import dev.parallelrun.events.Side;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The client library for a participant of a parallel run (the legacy adapter, a shadow service):
 * reads intents and builds outcome events with the attributes reconciliation relies on.
 *
 * <p>Outcome event ids are derived from the intent's id, the side and the outcome type, so an
 * intent processed twice yields byte-for-byte the same outcome ids, and duplicates are recognised
 * downstream instead of being decided twice.
 */
public final class Participant {

    private final Side side;
    private final String source;
    private final Clock clock;
    private final EventCodec codec;

    public Participant(Side side, String source, Clock clock, EventCodec codec) {
        this.side = Objects.requireNonNull(side);
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
        this.codec = Objects.requireNonNull(codec);
    }

    public Side side() {
        return side;
    }

    /**
     * Reads an intent's data as the given type, checking that the event is the expected intent: its type, its bounded
     * context, and data that is there.
     *
     * @throws MalformedEventException when it is not (a poison message, dead-lettered by the participant kit)
     */
    public <T> T readIntent(CloudEvent intent, IntentType expected, Class<T> type) {
        if (!expected.eventType().equals(intent.type())) {
            throw new MalformedEventException("expected an intent of type " + expected.eventType() + " but got " + intent.type());
        }
        if (!expected.boundedContext().equals(intent.boundedContext())) {
            throw new MalformedEventException("expected boundedcontext " + expected.boundedContext() + " but got "
                    + (intent.boundedContext() == null ? "none" : intent.boundedContext()));
        }
        T data = codec.data(intent.data(), type);
        if (data == null) {
            throw new MalformedEventException("data is not a valid " + type.getSimpleName() + ": empty");
        }
        return data;
    }

    /** A completed outcome: the side decided. */
    public CloudEvent completed(CloudEvent intent, String outcomeType, Object data) {
        return outcome(intent, outcomeType, OutcomeStatus.COMPLETED, data);
    }

    /** A rejected outcome: the side refused the intent as invalid. */
    public CloudEvent rejected(CloudEvent intent, String outcomeType, String reason, String detail) {
        return outcome(intent, outcomeType, OutcomeStatus.REJECTED, new OutcomeProblem(reason, detail));
    }

    /** A failed outcome: the side could not decide for a technical reason. */
    public CloudEvent failed(CloudEvent intent, String outcomeType, String reason, String detail) {
        return outcome(intent, outcomeType, OutcomeStatus.FAILED, new OutcomeProblem(reason, detail));
    }

    /** The Kafka record for an outcome: on this side's outcome topic, keyed by correlation id. */
    public ProducerRecord<String, CloudEvent> record(CloudEvent outcome) {
        return new ProducerRecord<>(side.outcomeTopic(), outcome.correlationId(), outcome);
    }

    private CloudEvent outcome(CloudEvent intent, String outcomeType, OutcomeStatus status, Object data) {
        String context = intent.boundedContext();
        String id = outcomeId(intent.id(), side, outcomeType);
        return CloudEvent.outcome(id, IntentType.outcomeEventType(context, outcomeType), source, clock.instant(),
                intent.correlationId(), intent.id(), context, side, outcomeType, status, codec.tree(data)).inheriting(intent);
    }

    /** The deterministic id of the outcome a side publishes for an intent. */
    public static String outcomeId(String intentId, Side side, String outcomeType) {
        String name = intentId + "|" + side.wireName() + "|" + outcomeType;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
