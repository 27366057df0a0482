package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Consumes the intents of a participant that waits on something slow (the legacy adapter, {@code
 * participant.consumer.parallelism} above 1) without a poll barrier: the consumer keeps polling while intents are
 * worked on, so one slow intent (a legacy call that times out and is retried, seconds) holds back only the intents of its
 * own key, never a whole poll.
 *
 * <ul>
 *   <li>Each intent runs on a pool of {@code parallelism} threads ({@link KeyedLanes}), the intents of one key
 *       (correlation id) in offset order, so a redelivered intent meets its stored outcomes.</li>
 *   <li>Offsets are committed every half second up to the lowest intent not finished in each partition
 *       ({@link InFlightOffsets}): a crash redelivers every unfinished intent, and the finished ones after it re-publish
 *       their stored outcomes.</li>
 *   <li>At most {@code max-in-flight} intents are dispatched and unfinished (plus the rest of the poll that reached the
 *       bound); at that bound every partition is paused until some finish, so an outage downstream fills no unbounded
 *       queue.</li>
 *   <li>A failed intent is retried in its lane, holding back only its key: an infrastructure failure
 *       ({@link DeadLetterReason#isInfrastructureFailure}) with a backoff until it is back, however long; any other
 *       failure at most {@code participant.retry.max-attempts} times, then it is dead-lettered with its reason. A poison
 *       record (undecodable, not an intent this participant reads) is dead-lettered at once.</li>
 *   <li>On a rebalance the revoked partitions' positions are committed; their unfinished intents are left to the new
 *       owner (those running finish, idempotently; those not started are dropped).</li>
 *   <li>On shutdown the running intents get {@code publish-timeout} to finish; the rest are redelivered after the
 *       restart.</li>
 * </ul>
 */
public final class ParallelIntentConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParallelIntentConsumer.class);

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration POLL_FAILURE_PAUSE = Duration.ofSeconds(1);
    /** How often finished positions are committed: a crash redelivers at most this much more, idempotently. */
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final ConsumerFactory<String, CloudEvent> consumers;
    private final List<String> topics;
    private final String group;
    private final java.util.function.Consumer<CloudEvent> process;
    private final BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;
    private final BackOff bounded;
    private final BackOff untilBack;
    private final int parallelism;
    private final int maxInFlight;
    private final Duration shutdownGrace;

    private final InFlightOffsets offsets = new InFlightOffsets();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile KeyedLanes lanes;
    private volatile Consumer<String, CloudEvent> consumer;
    private volatile Thread poller;
    private volatile boolean running;

    /**
     * @param process       decides one intent; throws to have it retried ({@link IntentProcessor#process})
     * @param deadLetters   where a poison record, or a failed one out of attempts, goes with its reason
     * @param bounded       the backoff between attempts of an intent that failed but not for its infrastructure
     * @param untilBack     the backoff of an infrastructure failure; never ends
     * @param shutdownGrace how long running intents may finish on shutdown
     */
    ParallelIntentConsumer(ConsumerFactory<String, CloudEvent> consumers, List<String> topics, String group,
            java.util.function.Consumer<CloudEvent> process, BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters,
            BackOff bounded, BackOff untilBack, int parallelism, int maxInFlight, Duration shutdownGrace) {
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.group = group;
        this.process = process;
        this.deadLetters = deadLetters;
        this.bounded = bounded;
        this.untilBack = untilBack;
        this.parallelism = parallelism;
        this.maxInFlight = maxInFlight;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Properties manualCommits = new Properties();
        manualCommits.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = consumers.createConsumer(group, group + "-intents", null, manualCommits);
        lanes = new KeyedLanes("intent-lane", parallelism);
        running = true;
        poller = new Thread(this::poll, group + "-intents-poller");
        poller.start();
        log.info("Consuming {} as group {}: {} intents at a time, at most {} in flight, no poll barrier", topics, group,
                parallelism, maxInFlight);
    }

    @Override
    public void stop() {
        Thread stopped;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopped = poller;
        }
        stopping.countDown(); // the poll loop ends within a poll timeout; no wakeup, which a commit would meet instead
        try {
            stopped.join(shutdownGrace.plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops with the listener containers, before the database and the producer it needs are closed
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }

    /** Intents dispatched and not finished (the metric {@code participant.intents.in_flight}). */
    int inFlight() {
        return offsets.inFlight();
    }

    private void poll() {
        Consumer<String, CloudEvent> polling = consumer;
        try (polling) {
            polling.subscribe(topics, new Rebalance(polling));
            long lastCommit = System.nanoTime();
            while (running) {
                ConsumerRecords<String, CloudEvent> records;
                try {
                    records = polling.poll(POLL_TIMEOUT);
                } catch (RuntimeException e) {
                    // whatever it is, a consumer that stopped polling would leave the service up and the intents
                    // unread: keep trying, loudly
                    log.error("Polling intents failed; trying again in {}", POLL_FAILURE_PAUSE, e);
                    waitOrStop(POLL_FAILURE_PAUSE.toMillis());
                    continue;
                }
                // not guarded: a record that could not be dispatched must end the consumer (the commits stop before
                // it), never be skipped by the next poll
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    InFlightOffsets.Assignment assignment = offsets.dispatched(
                            new TopicPartition(record.topic(), record.partition()), record.offset());
                    lanes.submit(record.key(), () -> work(record, assignment));
                }
                try {
                    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
                        commit(polling);
                        lastCommit = System.nanoTime();
                    }
                    holdAtTheBound(polling);
                } catch (RuntimeException e) {
                    log.error("Committing or pausing intent partitions failed; trying again after the next poll", e);
                }
            }
            drain(polling);
        } catch (RuntimeException e) {
            log.error("The intent consumer of group {} stopped", group, e);
        }
    }

    /** Commits the positions that moved; without waiting, since a later commit supersedes a failed one. */
    private void commit(Consumer<String, CloudEvent> polling) {
        Map<TopicPartition, OffsetAndMetadata> positions = offsets.toCommit();
        if (!positions.isEmpty()) {
            polling.commitAsync(positions, (committed, failure) -> {
                if (failure != null) {
                    log.warn("Committing intent offsets {} failed; a later commit covers them", committed, failure);
                }
            });
        }
    }

    /** Pauses every partition while {@code max-in-flight} intents are unfinished, resumes them below it. */
    private void holdAtTheBound(Consumer<String, CloudEvent> polling) {
        if (offsets.inFlight() >= maxInFlight) {
            Set<TopicPartition> toPause = new HashSet<>(polling.assignment());
            toPause.removeAll(polling.paused());
            if (!toPause.isEmpty()) {
                polling.pause(toPause);
                log.debug("{} intents in flight: paused {}", offsets.inFlight(), toPause);
            }
        } else if (!polling.paused().isEmpty()) {
            polling.resume(polling.paused());
        }
    }

    /** On shutdown: lets running intents finish within the grace, then commits what finished. */
    private void drain(Consumer<String, CloudEvent> polling) {
        try {
            if (!lanes.stop(shutdownGrace.toMillis())) {
                log.warn("Intents still running after {}: they are redelivered after the restart", shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, OffsetAndMetadata> positions = offsets.toCommit();
        if (!positions.isEmpty()) {
            try {
                polling.commitSync(positions, shutdownGrace);
            } catch (KafkaException e) {
                log.warn("Committing intent offsets {} on shutdown failed: those intents are redelivered", positions,
                        e);
            }
        }
    }

    /**
     * One intent, retried in its lane until it is processed or dead-lettered; given up (left unfinished, so redelivered)
     * when its partition goes to another consumer or the consumer stops.
     */
    private void work(ConsumerRecord<String, CloudEvent> record, InFlightOffsets.Assignment assignment) {
        BackOffExecution attempts = bounded.start();
        BackOffExecution outage = null;
        while (!isStopping() && offsets.isCurrent(assignment)) {
            long wait;
            try {
                IntentListener.processOrDeadLetter(record, process, deadLetters);
                offsets.finished(assignment, record.offset());
                return;
            } catch (RuntimeException failure) {
                if (isStopping()) {
                    return; // interrupted by the shutdown, most likely: unfinished, so redelivered after the restart
                }
                if (DeadLetterReason.isInfrastructureFailure(failure)) {
                    outage = outage == null ? untilBack.start() : outage;
                    wait = outage.nextBackOff();
                    log.warn("Intent at {}: infrastructure failure, retrying in {} ms: {}", where(record), wait,
                            DeadLetterReason.of(failure));
                } else {
                    wait = attempts.nextBackOff();
                    if (wait == BackOffExecution.STOP) {
                        if (deadLetter(record, failure)) {
                            offsets.finished(assignment, record.offset());
                            return;
                        }
                        outage = outage == null ? untilBack.start() : outage;
                        wait = outage.nextBackOff();
                    } else {
                        log.warn("Intent at {} failed, retrying in {} ms: {}", where(record), wait,
                                DeadLetterReason.of(failure));
                    }
                }
            }
            waitOrStop(wait);
        }
    }

    private boolean deadLetter(ConsumerRecord<String, CloudEvent> record, RuntimeException failure) {
        try {
            deadLetters.accept(record, failure);
            return true;
        } catch (RuntimeException e) {
            log.warn("Dead-lettering the intent at {} failed; trying again", where(record), e);
            return false;
        }
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }

    private void waitOrStop(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown(); // interrupted only by the lanes' shutdown: nothing more is worked on
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Commits what finished of the partitions that go, and forgets their unfinished intents. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, CloudEvent> polling;

        private Rebalance(Consumer<String, CloudEvent> polling) {
            this.polling = polling;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> positions = offsets.forget(partitions);
            if (positions.isEmpty()) {
                return;
            }
            try {
                polling.commitSync(positions);
            } catch (KafkaException e) {
                log.warn("Committing the revoked partitions' offsets {} failed: their new owner redelivers from the "
                        + "last commit", positions, e);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("Intent partitions assigned to group {}: {}", group, partitions);
        }
    }
}
