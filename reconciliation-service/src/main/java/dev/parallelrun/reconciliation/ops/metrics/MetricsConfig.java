package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.reconciliation.rules.domain.MatchRateTargets;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** Wires the ops metrics: the match-rate gauges and the verdict-topic reader behind counters and latency. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationMetricsProperties.class)
class MetricsConfig {

    private static final Logger log = LoggerFactory.getLogger(MetricsConfig.class);

    /** The match-rate target per context and outcome type: the rule set's readiness target, else the configured one. */
    @Bean
    MatchRateTargets matchRateTargets(RuleBasedComparator outcomeComparator, ReconciliationMetricsProperties properties) {
        var matchRate = properties.matchRate();
        return new MatchRateTargets(outcomeComparator.ruleSets(), matchRate.target(), matchRate.targets());
    }

    @Bean
    MatchRateGauges matchRateGauges(JdbcTemplate jdbc, ReconciliationMetricsProperties properties,
            MatchRateTargets matchRateTargets, MeterRegistry registry) {
        return new MatchRateGauges(jdbc, properties.matchRate(), matchRateTargets, Clock.systemUTC(), registry);
    }

    @Bean
    VerdictMetricsListener verdictMetricsListener(MeterRegistry registry, RuleBasedComparator comparator) {
        return new VerdictMetricsListener(new VerdictMetrics(registry, new MetricLabels(comparator.ruleSets())),
                Clock.systemUTC());
    }

    /**
     * Observing only: nothing is retried or dead-lettered here (the verdict sink does that for the same records).
     * Bytes: the listener reads only what it counts of each verdict, not the envelope and both sides' outcomes.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> verdictMetricsListenerFactory(
            ConsumerFactory<String, CloudEvent> consumerFactory) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerFactory.getConfigurationProperties(),
                new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, e) -> log.debug("verdict metrics skip {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString()),
                new FixedBackOff(0, 0)));
        return factory;
    }
}
