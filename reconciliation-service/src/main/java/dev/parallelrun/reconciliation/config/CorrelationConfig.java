package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.correlation.CorrelationMetrics;
import dev.parallelrun.reconciliation.correlation.CorrelationStreams;
import dev.parallelrun.reconciliation.correlation.CorrelationTopology;
import dev.parallelrun.reconciliation.domain.VerdictDecider;
import dev.parallelrun.reconciliation.domain.rules.RuleBasedComparator;
import dev.parallelrun.reconciliation.domain.rules.RuleSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the correlation: comparator, topology, the Kafka Streams runtime and its metrics. */
@Configuration(proxyBeanMethods = false)
class CorrelationConfig {

    @Bean
    CorrelationMetrics correlationMetrics(MeterRegistry registry) {
        return new MicrometerCorrelationMetrics(registry);
    }

    @Bean
    CorrelationStreams correlationStreams(ReconciliationProperties properties, RuleBasedComparator comparator,
            RuleSetRegistration registration, CorrelationMetrics metrics,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry registry) {
        // the registration parameter orders start-up: rule sets are stored before any verdict can name them
        var streams = properties.streams();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.topics().replicationFactor());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        var topology = CorrelationTopology.build(new VerdictDecider(comparator),
                properties.correlation().policy(ruleSetTimings(comparator)), metrics, streams.punctuateInterval());
        CorrelationStreams correlation = new CorrelationStreams(topology, config);
        Gauge.builder("reconciliation.pending.correlations", correlation, CorrelationStreams::pendingCorrelations)
                .description("Outcomes waiting for their counterpart on this instance (-1 while not queryable)")
                .register(registry);
        return correlation;
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
            Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
            return health.withDetail("state", state.name()).build();
        };
    }

    /** Micrometer counters behind {@link CorrelationMetrics}; labels are bounded (context, outcome type, topic). */
    static final class MicrometerCorrelationMetrics implements CorrelationMetrics {
        private final MeterRegistry registry;

        MicrometerCorrelationMetrics(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void duplicateDropped(String context, String outcomeType) {
            Counter.builder("reconciliation.duplicates.dropped").tag("context", context).tag("outcome_type", outcomeType)
                    .register(registry).increment();
        }

        @Override
        public void lateArrival(String context, String outcomeType, boolean withinGrace) {
            Counter.builder("reconciliation.late.arrivals").tag("context", context).tag("outcome_type", outcomeType)
                    .tag("within_grace", Boolean.toString(withinGrace)).register(registry).increment();
        }

        @Override
        public void deadLettered(String topic) {
            Counter.builder("reconciliation.dead.lettered").tag("topic", topic).register(registry).increment();
        }

        @Override
        public void arrivalSkew(String context, String outcomeType, long millis) {
            DistributionSummary.builder("reconciliation.arrival.skew").baseUnit("milliseconds")
                    .tag("context", context).tag("outcome_type", outcomeType).publishPercentileHistogram()
                    .register(registry).record(millis);
        }
    }
}
