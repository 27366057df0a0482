package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CorrelationStreamsConfigTest {

    private static final ReconciliationProperties.Topics TOPICS = new ReconciliationProperties.Topics(3, (short) 1, 1);

    @Test
    void runsExactlyOnceWithTheCommitIntervalAndKafkasProducerBatchSizeByDefault() {
        Properties config = CorrelationConfig.streamsConfig(streams(Map.of()), TOPICS, "broker:9092");

        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 16 * 1024)
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 1_048_576)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        // Kafka Streams reads it as a producer setting of its own clients
        assertThat(new StreamsConfig(config).getProducerConfigs("client"))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 16 * 1024);
    }

    @Test
    void takesTheConfiguredProducerBatchSizeAndRefusesZero() {
        Properties config = CorrelationConfig.streamsConfig(
                streams(Map.of("reconciliation.streams.producer-batch-size", "256KB")), TOPICS, "broker:9092");

        assertThat(config).containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        assertThatThrownBy(() -> streams(Map.of("reconciliation.streams.producer-batch-size", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("producer-batch-size must be positive");
    }

    private static ReconciliationProperties.Streams streams(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("reconciliation.streams", ReconciliationProperties.Streams.class);
    }
}
