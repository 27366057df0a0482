package dev.parallelrun.reconciliation.correlation;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the correlation topology for the lifetime of the application context. A stream thread
 * that dies on an unexpected error is replaced; its task restarts from the last committed state.
 *
 * <p>The outcome topics belong to the participants, which may start after this service: until every named source
 * topic exists, the streams are not started (Kafka Streams would fail its threads with a
 * {@code MissingSourceTopicException} and not replace them); meanwhile {@link #missingTopics()} names them.
 */
public final class CorrelationStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CorrelationStreams.class);

    private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Topology topology;
    private final Properties config;
    private final Set<String> sourceTopics;
    private volatile KafkaStreams streams;
    private volatile Thread starter;
    private volatile Set<String> missingTopics = Set.of();
    private volatile boolean started;

    public CorrelationStreams(Topology topology, Properties config) {
        this.topology = topology;
        this.config = config;
        this.sourceTopics = namedSourceTopics(topology);
    }

    /** The topics the topology reads by name (pattern subscriptions, such as the intent topics, need none to exist). */
    static Set<String> namedSourceTopics(Topology topology) {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    topics.addAll(source.topicSet());
                }
            }
        }
        return Set.copyOf(topics);
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(this::startOnceTheTopicsExist, "correlation-streams-starter");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void startOnceTheTopicsExist() {
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, config.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-topic-check");
        try (Admin admin = Admin.create(adminConfig)) {
            boolean logged = false;
            while (started) {
                Set<String> missing = missing(admin);
                missingTopics = missing;
                if (missing.isEmpty()) {
                    break;
                }
                if (!logged) {
                    log.info("correlation waits for its source topics {} (declared by their producers)", missing);
                    logged = true;
                }
                Thread.sleep(TOPIC_CHECK_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (started && streams == null) {
                startStreams();
            }
        }
    }

    private Set<String> missing(Admin admin) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Set<String> missing = new TreeSet<>(sourceTopics);
            missing.removeAll(existing);
            return Set.copyOf(missing);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("cannot list topics yet", e);
            return sourceTopics;
        }
    }

    private void startStreams() {
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
        started = false;
        Thread waiting = starter;
        if (waiting != null) {
            waiting.interrupt();
        }
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
        return started;
    }

    /** The named source topics that do not exist yet (the streams start once this is empty). */
    public Set<String> missingTopics() {
        return streams == null ? missingTopics : Set.of();
    }

    /** The current state, {@code NOT_RUNNING} before start. */
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    /**
     * Outcomes on this instance that still wait for their counterpart: the exact count each active task keeps in its
     * progress store, summed; -1 while the stores are not queryable.
     */
    public long pendingCorrelations() {
        KafkaStreams running = streams;
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        try {
            long pending = 0;
            for (ThreadMetadata thread : running.metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    ReadOnlyKeyValueStore<String, Long> progress = running.store(StoreQueryParameters
                            .fromNameAndType(CorrelationTopology.progressStoreName(), QueryableStoreTypes.<String, Long>keyValueStore())
                            .withPartition(task.taskId().partition()));
                    Long count = progress.get(CorrelationTopology.pendingCountKey());
                    pending += count == null ? 0 : count;
                }
            }
            return pending;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
