package dev.parallelrun.reconciliation.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.reconciliation.ops.metrics.ReconciliationMetricsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The lag monitor against the real (in-process) broker: committed offsets, end offsets, dead-letter topics. */
class ConsumerLagMonitorIT {

    private static final String TOPIC = "lag-monitor-it.v1";
    private static final String DEAD_LETTERS = TOPIC + ".dlq";
    private static final String GROUP = "lag-monitor-it";

    private final String brokers = System.getProperty("spring.embedded.kafka.brokers");

    @Test
    void exposesLagPerGroupAndTopicAndTheSizeOfDeadLetterTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(DEAD_LETTERS, 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            send(TOPIC, 0, 5);
            send(TOPIC, 1, 3);
            send(DEAD_LETTERS, 1, 2);
            admin.alterConsumerGroupOffsets(GROUP, Map.of(
                    new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1),
                    new TopicPartition(TOPIC, 1), new OffsetAndMetadata(3))).all().get(30, TimeUnit.SECONDS);

            var registry = new SimpleMeterRegistry();
            var monitor = new ConsumerLagMonitor(admin, new ReconciliationMetricsProperties.ConsumerLag(true,
                    Duration.ofSeconds(15), Duration.ofSeconds(30), List.of(), 50), Clock.systemUTC(), registry);
            monitor.poll();

            assertThat(registry.get("parallelrun.consumer.group.lag").tags("group", GROUP, "topic", TOPIC).gauge().value())
                    .isEqualTo(4);
            assertThat(registry.get("parallelrun.consumer.group.lag.max.partition").tags("group", GROUP, "topic", TOPIC)
                    .gauge().value()).isEqualTo(4);
            assertThat(registry.get("parallelrun.dead.letter.records").tags("topic", DEAD_LETTERS).gauge().value())
                    .isEqualTo(2);
            assertThat(registry.get("parallelrun.consumer.lag.last.success.timestamp").gauge().value()).isPositive();
        }
    }

    private void send(String topic, int partition, int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
