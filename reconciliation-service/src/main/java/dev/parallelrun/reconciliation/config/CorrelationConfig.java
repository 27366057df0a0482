package dev.parallelrun.reconciliation.config;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.correlation.authoritative.AuthoritativeStreamCounter;
import dev.parallelrun.reconciliation.correlation.authoritative.AuthorityMetrics;
import dev.parallelrun.reconciliation.correlation.BoundedRocksDbMemory;
import dev.parallelrun.reconciliation.correlation.CorrelationMetrics;
import dev.parallelrun.reconciliation.correlation.CorrelationStreams;
import dev.parallelrun.reconciliation.correlation.CorrelationTopology;
import dev.parallelrun.reconciliation.correlation.DeadLetteringExceptionHandler;
import dev.parallelrun.reconciliation.correlation.IntentExpectations;
import dev.parallelrun.reconciliation.ops.metrics.MetricLabels;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.domain.VerdictDecider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.FixedBackOff;

/** Wires the correlation: comparator, topology (with the authoritative stream), the Kafka Streams runtime and its metrics. */
@Configuration(proxyBeanMethods = false)
class CorrelationConfig {

    @Bean
    CorrelationMetrics correlationMetrics(MeterRegistry registry, RuleBasedComparator comparator) {
        MicrometerCorrelationMetrics metrics = new MicrometerCorrelationMetrics(registry,
                new MetricLabels(comparator.ruleSets()));
        metrics.registerAtZero(comparator.ruleSets());
        return metrics;
    }

    @Bean
    AuthorityMetrics authorityMetrics(MeterRegistry registry, RuleBasedComparator comparator) {
        AuthorityMetrics metrics = new AuthorityMetrics(registry, intentExpectations(comparator).outcomeTypesByContext());
        metrics.registerAtZero();
        return metrics;
    }

    /**
     * Counts authoritative outcomes and fallbacks from what the correlation committed ({@code read_committed}), in its
     * own consumer group that starts at the end of the topics; observing only: nothing is retried or dead-lettered.
     */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> authoritativeStreamCounter(
            ConsumerFactory<String, CloudEvent> consumerFactory, AuthorityMetrics metrics, RuleBasedComparator comparator,
            @Value("${reconciliation.metrics.authority.group-id:reconciliation-service.authority-metrics}") String groupId) {
        AuthoritativeStreamCounter counter = new AuthoritativeStreamCounter(metrics);
        ContainerProperties container = new ContainerProperties(AuthoritativeStreamCounter.topics(
                List.copyOf(intentExpectations(comparator).outcomeTypesByContext().keySet())));
        container.setGroupId(groupId);
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // new intent topics (a context's first intent) are picked up within seconds, not the default 5 minutes
        consumer.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        container.setKafkaConsumerProperties(consumer);
        container.setMessageListener((MessageListener<String, byte[]>) counter::count);
        // bytes: the counter decodes only what it counts, not every intent
        var bytes = new DefaultKafkaConsumerFactory<>(consumerFactory.getConfigurationProperties(),
                new StringDeserializer(), new ByteArrayDeserializer());
        var listener = new ConcurrentMessageListenerContainer<>(bytes, container);
        listener.setCommonErrorHandler(new DefaultErrorHandler((record, e) -> { }, new FixedBackOff(0, 0)));
        listener.setBeanName("authoritativeStreamCounter");
        return listener;
    }

    @Bean
    CorrelationStreams correlationStreams(ReconciliationProperties properties, RuleBasedComparator comparator,
            RuleSetRegistration registration, CorrelationMetrics metrics, AuthorityMetrics authorityMetrics,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry registry) {
        // the registration parameter orders start-up: rule sets are stored before any verdict can name them
        var streams = properties.streams();
        Properties config = streamsConfig(streams, properties.topics(), bootstrapServers);
        var topology = CorrelationTopology.build(new VerdictDecider(comparator),
                properties.correlation().policy(ruleSetTimings(comparator)), intentExpectations(comparator), metrics,
                authorityMetrics, streams.punctuateInterval(), streams.maxRequestSize());
        CorrelationStreams correlation = new CorrelationStreams(topology, config);
        Gauge.builder("reconciliation.pending.correlations", correlation, CorrelationStreams::pendingCorrelations)
                .description("Outcomes waiting for their counterpart on this instance (-1 while not queryable)")
                .register(registry);
        return correlation;
    }

    /** The correlation's Kafka Streams configuration: exactly-once, bounded memory, dead letters, bounded failover. */
    static Properties streamsConfig(ReconciliationProperties.Streams streams, ReconciliationProperties.Topics topics,
            String bootstrapServers) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, streams.recordCache().toBytes());
        // RocksDB's memory bounded for the process, not per store and partition (open correlations stay on disk)
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        config.put(BoundedRocksDbMemory.OFF_HEAP_BYTES, streams.rocksdbOffHeap().toBytes());
        config.put(BoundedRocksDbMemory.MEMTABLE_BYTES, streams.rocksdbMemtables().toBytes());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        config.put(StreamsConfig.topicPrefix(org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                topics.minInsyncReplicas());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.standbyReplicas());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), streams.maxRequestSize());
        // fewer, larger batches: each new one wakes the network thread (profiled: a sixth of the stream thread's time)
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), (int) streams.producerBatchSize().toBytes());
        // a killed instance: its tasks move after the session timeout, its open transaction is aborted after the
        // transaction timeout, so that the survivors' verdicts flow again within seconds, not the 45 s default
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) streams.sessionTimeout().toMillis());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) streams.heartbeatInterval().toMillis());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) streams.transactionTimeout().toMillis());
        // a record that cannot be read, processed or produced goes to its dead-letter topic; the task goes on
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        return config;
    }

    /** Every outcome type a context's rule set compares is expected of each intent of that context. */
    static IntentExpectations intentExpectations(RuleBasedComparator comparator) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (RuleSet ruleSet : comparator.ruleSets()) {
            if (ruleSet.context().equals(RuleSetParser.fallback().context())) {
                continue; // the structural fallback for contexts without rules has no intent topic
            }
            expected.put(ruleSet.context(), List.copyOf(ruleSet.outcomeTypes().keySet()));
        }
        return new IntentExpectations(expected);
    }

    /** Each rule set's matching window and late grace, by context. */
    static Map<String, ReconciliationProperties.ContextTiming> ruleSetTimings(RuleBasedComparator comparator) {
        Map<String, ReconciliationProperties.ContextTiming> timings = new LinkedHashMap<>();
        for (RuleSet ruleSet : comparator.ruleSets()) {
            timings.put(ruleSet.context(), new ReconciliationProperties.ContextTiming(ruleSet.window(), ruleSet.grace()));
        }
        return timings;
    }

    @Bean
    HealthIndicator correlationStreamsHealth(CorrelationStreams streams) {
        return () -> {
            var state = streams.state();
            var missing = streams.missingTopics();
            if (!missing.isEmpty()) {
                // not started yet: the participants have not declared their outcome topics
                return Health.down().withDetail("state", "WAITING_FOR_TOPICS").withDetail("missingTopics", missing).build();
            }
            Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
            return health.withDetail("state", state.name()).build();
        };
    }

    /**
     * Micrometer counters behind {@link CorrelationMetrics}; labels are bounded: contexts and outcome types no
     * rule set names are counted as {@code other}, topics are the platform's own.
     */
    static final class MicrometerCorrelationMetrics implements CorrelationMetrics {
        private final MeterRegistry registry;
        private final MetricLabels labels;

        MicrometerCorrelationMetrics(MeterRegistry registry, MetricLabels labels) {
            this.registry = registry;
            this.labels = labels;
        }

        /**
         * Registers the rare counters at zero for every outcome type the rule sets name and for both dead-letter
         * topics, so that {@code increase()} and alert rules see the first event instead of a series appearing.
         */
        void registerAtZero(Iterable<RuleSet> ruleSets) {
            for (RuleSet ruleSet : ruleSets) {
                unsampledIntents(ruleSet.context());
                for (String outcomeType : ruleSet.outcomeTypes().keySet()) {
                    duplicatesDropped(ruleSet.context(), outcomeType);
                    for (boolean withinGrace : new boolean[] {true, false}) {
                        lateArrivals(ruleSet.context(), outcomeType, withinGrace);
                    }
                }
            }
            for (String source : new String[] {Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW}) {
                deadLetteredTo(Topics.deadLetter(source));
            }
        }

        @Override
        public void duplicateDropped(String context, String outcomeType) {
            duplicatesDropped(labels.context(context), labels.outcomeType(context, outcomeType)).increment();
        }

        @Override
        public void lateArrival(String context, String outcomeType, boolean withinGrace) {
            lateArrivals(labels.context(context), labels.outcomeType(context, outcomeType), withinGrace).increment();
        }

        @Override
        public void intentSkipped(String topic) {
            Counter.builder("reconciliation.intents.skipped").tag("topic", topic)
                    .description("Intents the correlation could not read, so expects no outcome for")
                    .register(registry).increment();
        }

        @Override
        public void intentUnsampled(String context) {
            unsampledIntents(labels.context(context)).increment();
        }

        private Counter unsampledIntents(String context) {
            return Counter.builder("reconciliation.intents.unsampled").tag("context", context)
                    .description("Intents sampling left out of the parallel run: no shadow answer expected, no MISSING_SHADOW")
                    .register(registry);
        }

        @Override
        public void expiryFailed() {
            Counter.builder("reconciliation.expiry.failed")
                    .description("Time-index entries that could not be expired and were dropped").register(registry)
                    .increment();
        }

        @Override
        public void deadLettered(String topic) {
            deadLetteredTo(topic).increment();
        }

        private Counter duplicatesDropped(String context, String outcomeType) {
            return Counter.builder("reconciliation.duplicates.dropped").tag("context", context)
                    .tag("outcome_type", outcomeType).description("Duplicate outcomes dropped, not decided again")
                    .register(registry);
        }

        private Counter lateArrivals(String context, String outcomeType, boolean withinGrace) {
            return Counter.builder("reconciliation.late.arrivals").tag("context", context).tag("outcome_type", outcomeType)
                    .tag("within_grace", Boolean.toString(withinGrace))
                    .description("Counterparts that arrived after the matching window").register(registry);
        }

        private Counter deadLetteredTo(String topic) {
            return Counter.builder("reconciliation.dead.lettered").tag("topic", topic)
                    .description("Records the correlation sent to a dead-letter topic").register(registry);
        }

        @Override
        public void arrivalSkew(String context, String outcomeType, long millis) {
            DistributionSummary.builder("reconciliation.arrival.skew").baseUnit("milliseconds")
                    .tag("context", labels.context(context)).tag("outcome_type", labels.outcomeType(context, outcomeType)).publishPercentileHistogram()
                    .register(registry).record(millis);
        }
    }
}
