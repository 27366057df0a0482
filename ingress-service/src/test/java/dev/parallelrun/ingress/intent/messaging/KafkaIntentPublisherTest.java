package dev.parallelrun.ingress.intent.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

class KafkaIntentPublisherTest {

    private DefaultKafkaProducerFactory<String, CloudEvent> producers;

    @AfterEach
    void closeProducer() {
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void reportsAnUnreachableBrokerWithinTheProducersBounds() throws IOException {
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + unusedPort(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class));
        KafkaIntentPublisher publisher = new KafkaIntentPublisher(new KafkaTemplate<>(producers), Duration.ofMillis(1500));
        CloudEvent intent = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> publisher.publish("intents.claims.v1", intent.correlationId(), intent))
                        .isInstanceOf(IntentNotDurableException.class)
                        .hasMessageContaining("intents.claims.v1"));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
