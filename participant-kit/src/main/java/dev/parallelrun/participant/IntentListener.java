package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Consumes the intents of the participant's contexts ({@code intents.<context>.v1} for each, group {@code
 * participant.consumer.group}) a poll at a time, in offset order on the listener thread: the listener of a participant
 * that decides by itself ({@code participant.consumer.parallelism} 1, as the shadow services). A participant that waits
 * on a slow system (the legacy adapter) uses {@link ParallelIntentConsumer} instead.
 *
 * <p>The intents the handler decides, and those decided before (their stored outcomes), are grouped
 * ({@link IntentProcessor.InOrder}): the decisions stored in one database transaction, all outcomes published with one
 * wait for the broker's acknowledgements, not a commit and a round trip each (deciding one at a
 * time, claims-service fell 1,517 intents behind with 120 intents a second offered; grouped, 51). A record the group does not take
 * (poison, skipped, a replay answered from the store) first flushes the group before it, so outcomes
 * leave in offset order. A poison record (undecodable, not an intent this participant reads) is dead-lettered with its
 * reason right where it is.
 *
 * <p>A failure is reported as the batch's failure at the first record not done: for a failed commit the group's first
 * record (nothing of the group is stored), for a refused outcome its intent, for a handler failure its own. The records
 * before it are committed, the records from it on are fetched again (the group's later intents are stored, so their
 * redelivery re-publishes their stored outcomes, perhaps a second time: duplicates, which reconciliation counts and
 * drops), and the container's error handler backs off in between: without end for an infrastructure failure (database,
 * outcome topic), a bounded number of times for anything else before it dead-letters the record.
 */
public final class IntentListener {

    private static final LogAccessor LOG = new LogAccessor(IntentListener.class);

    private final IntentProcessor processor;
    private final BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;

    IntentListener(IntentProcessor processor, BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters) {
        this.processor = processor;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "${participant.consumer.group}-intents", groupId = "${participant.consumer.group}",
            topics = "#{@participantContexts.intentTopics()}", batch = "true")
    void onIntents(List<ConsumerRecord<String, CloudEvent>> records) {
        RuntimeException[] failures = new RuntimeException[records.size()];
        runInOrder(records, failures);
        for (int index = 0; index < failures.length; index++) {
            if (failures[index] != null) {
                throw new BatchListenerFailedException("intent at offset " + records.get(index).offset()
                        + " of partition " + records.get(index).partition() + " failed", failures[index], index);
            }
        }
    }

    /**
     * The poll in offset order on the listener thread, the intents the handler decides grouped into one commit and one
     * acknowledgement wait ({@link IntentProcessor.InOrder}); any other record first flushes the group before it.
     */
    private void runInOrder(List<ConsumerRecord<String, CloudEvent>> records, RuntimeException[] failures) {
        IntentProcessor.InOrder group = processor.inOrder();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, CloudEvent> record = records.get(index);
            RuntimeException poison = poisonOf(record);
            try {
                if (poison == null && group.defer(index, record.value())) {
                    continue;
                }
            } catch (MalformedEventException e) {
                poison = e;
            } catch (RuntimeException e) {
                failed(group.flush(), index, e, failures);
                return;
            }
            IntentProcessor.InOrder.Failure flushed = group.flush();
            if (flushed != null) {
                failures[flushed.index()] = flushed.cause();
                return;
            }
            try {
                if (poison != null) {
                    deadLetters.accept(record, poison);
                } else {
                    processOne(record);
                }
            } catch (RuntimeException e) {
                failures[index] = e;
                return;
            }
        }
        IntentProcessor.InOrder.Failure flushed = group.flush();
        if (flushed != null) {
            failures[flushed.index()] = flushed.cause();
        }
    }

    /** The group's failure if flushing it failed (it is the lower index), else the record's own. */
    private static void failed(IntentProcessor.InOrder.Failure flushed, int index, RuntimeException cause,
            RuntimeException[] failures) {
        if (flushed != null) {
            failures[flushed.index()] = flushed.cause();
        } else {
            failures[index] = cause;
        }
    }

    private void processOne(ConsumerRecord<String, CloudEvent> record) {
        processOrDeadLetter(record, processor::process, deadLetters);
    }

    /**
     * Processes a record's intent, or dead-letters the record when it cannot be an intent this participant reads.
     *
     * @throws RuntimeException whatever processing threw otherwise: the record is to be tried again
     */
    static void processOrDeadLetter(ConsumerRecord<String, CloudEvent> record,
            java.util.function.Consumer<CloudEvent> process, BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters) {
        RuntimeException poison = poisonOf(record);
        if (poison == null) {
            try {
                process.accept(record.value());
                return;
            } catch (MalformedEventException e) {
                poison = e;
            }
        }
        deadLetters.accept(record, poison);
    }

    /** Why a record cannot be an intent at all (undecodable, empty), or {@code null}. */
    private static RuntimeException poisonOf(ConsumerRecord<String, CloudEvent> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            return unreadable;
        }
        return record.value() == null
                ? new MalformedEventException("empty record: expected a CloudEvents JSON object")
                : null;
    }
}
