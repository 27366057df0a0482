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
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Consumes the context's intents ({@code intents.<participant.context>.v1}, group {@code participant.consumer.group})
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
 * <p>With a parallelism of 1 the poll is one lane in offset order, on the listener thread, and nothing after a failed
 * record is processed: a redelivery then re-publishes nothing that was already published. With more, records of other
 * keys after the failed one may have been done in parallel; their redelivery re-publishes their stored outcomes
 * (duplicates downstream counts and drops). A participant that waits on a slow system trades that for throughput.
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
            topics = "#{T(dev.parallelrun.events.Topics).intents('${participant.context}')}", batch = "true")
    void onIntents(List<ConsumerRecord<String, CloudEvent>> records) {
        RuntimeException[] failures = new RuntimeException[records.size()];
        if (lanes == null) {
            runLane(records, IntStream.range(0, records.size()).boxed().toList(), failures);
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

    private void processOne(ConsumerRecord<String, CloudEvent> record) {
        RuntimeException poison;
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            poison = unreadable;
        } else if (record.value() == null) {
            poison = new MalformedEventException("empty record: expected a CloudEvents JSON object");
        } else {
            try {
                processor.process(record.value());
                return;
            } catch (MalformedEventException e) {
                poison = e;
            }
        }
        deadLetters.accept(record, poison);
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
