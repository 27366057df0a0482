package dev.parallelrun.reconciliation.config;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/** The verdict sink's listener with its dead-letter handling (the topics: {@link ReconciliationTopicsConfig}). */
@Configuration(proxyBeanMethods = false)
class VerdictSinkConfig {

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciliation-service-dead-letters");
        var values = new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(),
                CloudEvent.class, new CloudEventSerializer()));
        @SuppressWarnings({"unchecked", "rawtypes"})
        var factory = new DefaultKafkaProducerFactory<Object, Object>(config, (Serializer) new StringSerializer(),
                (Serializer) values);
        return new KafkaTemplate<>(factory);
    }

    @Bean
    DefaultErrorHandler verdictErrorHandler(KafkaTemplate<Object, Object> deadLetterTemplate) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction((record, e) -> {
            var headers = new RecordHeaders();
            headers.add(Headers.DLQ_REASON, rootMessage(e).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(10));
        // a database outage is retried for up to ten minutes before the batch is dead-lettered
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(600_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, tools.jackson.core.JacksonException.class);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> verdictListenerFactory(
            ConsumerFactory<String, CloudEvent> consumerFactory, DefaultErrorHandler verdictErrorHandler) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CloudEvent>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(verdictErrorHandler);
        return factory;
    }

    /** The most specific reason in the cause chain: our own message for a malformed event, else the root cause's. */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        Throwable root = e;
        while (cause != null) {
            if (cause instanceof MalformedEventException) {
                return cause.getMessage();
            }
            root = cause;
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }
}
