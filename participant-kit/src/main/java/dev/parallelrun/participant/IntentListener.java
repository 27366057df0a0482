package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Consumes the intents of the participant's contexts ({@code intents.<context>.v1} for each, group {@code participant.consumer.group})
 * a poll at a time and works on a poll's intents in parallel: a participant that waits (on legacy) must not let one
 * partition's records queue behind each other.
 *
 * <p>Records with the same key (correlation id) form a lane handled in offset order, so a redelivered intent meets
 * its stored outcomes; lanes run on a pool of {@code participant.consumer.parallelism} threads shared by every
 * listener thread. The poll ends when every lane is done. A poison record (undecodable, not an intent this participant
 * reads) is dead-lettered with its reason right where it is. Any other failure stops its lane and is reported as the
 * batch's failure at the lowest failed index: the records before it are committed, the records from it on are fetched
 * again (processing is idempotent, so those already done only re-publish their stored outcomes), and the container's
 * error handler backs off in between: without end for an infrastructure failure (database, outcome topic), a bounded
 * number of times for anything else before it dead-letters the record.
 *
 * <p>With a parallelism of 1 the poll is worked in offset order on the listener thread, and the intents the handler
 * decides are grouped ({@link IntentProcessor.InOrder}): stored in one database transaction and published with one wait
 * for the broker's acknowledgements, not a commit and a round trip each, which would bound the participant to a few
 * dozen intents a second. A record the group does not take (poison, skipped, decided before, a replay answered from the
 * store) first flushes the group before it, so outcomes leave in offset order. The failure reported is the first record
 * not done: for a failed commit the group's first record (nothing of the group is stored), for a refused outcome its
 * intent. The group's later intents are stored; their redelivery re-publishes their stored outcomes, perhaps a second
 * time (duplicates, which reconciliation counts and drops). With more, records of other keys after the failed one may
 * have been done in parallel, with the same effect on redelivery; a participant that waits on a slow system (the legacy
 * adapter) needs that parallelism, one that decides by itself is faster grouped.
 */
public final class IntentListener implements AutoCloseable {

    private static final LogAccessor LOG = new LogAccessor(IntentListener.class);

    private final IntentProcessor processor;
    private final BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;
    private final ExecutorService lanes;

    IntentListener(IntentProcessor processor, BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters, int parallelism) {
        this.processor = processor;
        this.deadLetters = deadLetters;
        if (parallelism == 1) {
            this.lanes = null;
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        this.lanes = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "intent-lane-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @KafkaListener(id = "${participant.consumer.group}-intents", groupId = "${participant.consumer.group}",
            topics = "#{@participantContexts.intentTopics()}", batch = "true")
    void onIntents(List<ConsumerRecord<String, CloudEvent>> records) {
        RuntimeException[] failures = new RuntimeException[records.size()];
        if (lanes == null) {
            runInOrder(records, failures);
        } else {
            runLanes(records, failures);
        }
        for (int index = 0; index < failures.length; index++) {
            if (failures[index] != null) {
                throw new BatchListenerFailedException("intent at offset " + records.get(index).offset()
                        + " of partition " + records.get(index).partition() + " failed", failures[index], index);
            }
        }
    }

    private void runLanes(List<ConsumerRecord<String, CloudEvent>> records, RuntimeException[] failures) {
        Map<String, List<Integer>> lanesByKey = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            String key = records.get(index).key();
            lanesByKey.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(index);
        }
        List<Future<?>> running = new ArrayList<>(lanesByKey.size());
        for (List<Integer> lane : lanesByKey.values()) {
            running.add(lanes.submit(() -> runLane(records, lane, failures)));
        }
        awaitAll(running);
    }

    private void runLane(List<ConsumerRecord<String, CloudEvent>> records, List<Integer> lane,
            RuntimeException[] failures) {
        for (int index : lane) {
            try {
                processOne(records.get(index));
            } catch (RuntimeException e) {
                failures[index] = e; // the lane's later records wait for the redelivery, in order
                return;
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
        RuntimeException poison = poisonOf(record);
        if (poison == null) {
            try {
                processor.process(record.value());
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
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            return unreadable;
        }
        return record.value() == null
                ? new MalformedEventException("empty record: expected a CloudEvents JSON object")
                : null;
    }

    private static void awaitAll(List<Future<?>> running) {
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the poll's intents were processed", e);
            } catch (ExecutionException e) {
                // runLane catches every RuntimeException: this is an Error, which must not be swallowed
                throw new IllegalStateException("an intent lane died", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (lanes != null) {
            lanes.shutdownNow();
        }
    }
}
