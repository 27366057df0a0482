package dev.parallelrun.reconciliation.correlation;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the correlation topology for the lifetime of the application context. A stream thread
 * that dies on an unexpected error is replaced; its task restarts from the last committed state.
 */
public final class CorrelationStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CorrelationStreams.class);

    private final Topology topology;
    private final Properties config;
    private volatile KafkaStreams streams;

    public CorrelationStreams(Topology topology, Properties config) {
        this.topology = topology;
        this.config = config;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams created = new KafkaStreams(topology, config);
        created.setUncaughtExceptionHandler(e -> {
            log.error("a correlation stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((now, before) -> log.info("correlation streams {} -> {}", before, now));
        created.start();
        streams = created;
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        streams = null;
        if (running != null) {
            // leaving the group hands this instance's partitions over at once instead of after the session timeout
            running.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The current state, {@code NOT_RUNNING} before start. */
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    /** Outcomes on this instance that still wait for their counterpart; -1 while the stores are not queryable. */
    public long pendingCorrelations() {
        KafkaStreams running = streams;
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        try {
            ReadOnlyKeyValueStore<String, Object> store = running.store(StoreQueryParameters.fromNameAndType(
                    CorrelationTopology.pendingStoreName(), QueryableStoreTypes.keyValueStore()));
            return store.approximateNumEntries();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
