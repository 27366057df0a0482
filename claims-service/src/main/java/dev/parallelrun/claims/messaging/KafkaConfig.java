package dev.parallelrun.claims.messaging;

import dev.parallelrun.claims.config.ClaimsServiceProperties;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventDeserializer;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring on top of Boot's auto-configuration: CloudEvent serde, producer guarantees, topic
 * declarations and the dead-letter handling of the intent listener.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(IntentListener.TOPIC);

    /**
     * The one topic this service owns. The intent topic and its dead-letter topic belong to the ingress,
     * which declares them (docs/operations.md, "Topics and their owners"); until they exist the listener
     * waits for them instead of failing.
     */
    @Bean
    NewTopic shadowOutcomeTopic(ClaimsServiceProperties properties) {
        return topic(Topics.OUTCOMES_SHADOW, properties.topics());
    }

    private static NewTopic topic(String name, ClaimsServiceProperties.Topics topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()))
                .build();
    }

    /**
     * Values are CloudEvents; a record that is not one fails deserialization inside the
     * {@link ErrorHandlingDeserializer}, which hands it to the error handler instead of killing the consumer.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaConsumerFactoryCustomizer cloudEventConsumer() {
        return factory -> {
            var typed = (DefaultKafkaConsumerFactory<String, CloudEvent>) factory;
            typed.setKeyDeserializerSupplier(StringDeserializer::new);
            typed.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
        };
    }

    /**
     * One producer for outcomes (CloudEvents) and dead letters (a CloudEvent, or the raw bytes of a record
     * that was none). {@code acks=all} and idempotence are guarantees, so they are set here, not left to
     * configuration.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer cloudEventProducer() {
        return factory -> {
            var typed = (DefaultKafkaProducerFactory<String, Object>) factory;
            typed.setKeySerializerSupplier(StringSerializer::new);
            typed.setValueSerializerSupplier(() -> new DelegatingByTypeSerializer(Map.<Class<?>, Serializer<?>>of(
                    CloudEvent.class, new CloudEventSerializer(),
                    byte[].class, new ByteArraySerializer())));
            typed.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        };
    }

    /**
     * Poison records (not a CloudEvent, the wrong type, undecodable data) go straight to
     * {@code intents.claims.v1.dlq} on their original partition, with the reason in {@value Headers#DLQ_REASON}.
     * Other failures are retried with a bounded backoff first. A failed dead-letter send throws, so the
     * offset is not committed and the record comes back. Infrastructure failures (database, outcome
     * publishing) are never dead-lettered: the intent is fine, so it is retried, backing off, until they
     * recover, however long (the recoverer's refusal only guards a failure that changed its kind mid-way).
     */
    @Bean
    DefaultErrorHandler intentErrorHandler(KafkaOperations<?, ?> kafkaTemplate, ClaimsServiceProperties properties) {
        var deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        deadLetters.setFailIfSendResultIsError(true);
        deadLetters.setThrowIfNoDestinationReturned(true);
        deadLetters.setWaitForSendResultTimeout(properties.publishing().ackTimeout());
        deadLetters.setHeadersFunction((record, exception) -> {
            var headers = new RecordHeaders();
            headers.add(Headers.DLQ_REASON, utf8(DeadLetterReason.of(exception)));
            headers.add(Headers.DLQ_ORIGINAL_TOPIC, utf8(record.topic()));
            headers.add(Headers.DLQ_ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
            headers.add(Headers.DLQ_ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
            return headers;
        });

        ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
            if (DeadLetterReason.isInfrastructureFailure(exception)) {
                throw new IllegalStateException("not dead-lettering " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + ": an infrastructure failure, not a bad record; it will be redelivered",
                        exception);
            }
            log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    DeadLetterReason.of(exception));
            deadLetters.accept(record, consumer, exception);
        };

        var retry = properties.retry();
        var bounded = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
        bounded.setInitialInterval(retry.initialBackoff().toMillis());
        bounded.setMultiplier(retry.multiplier());
        bounded.setMaxInterval(retry.maxBackoff().toMillis());

        var handler = new DefaultErrorHandler(recoverer, bounded);
        // the backoff sleeps on the consumer thread between polls, at most max-backoff: the consumer stays in its group
        handler.setBackOffFunction((record, exception) -> DeadLetterReason.isInfrastructureFailure(exception)
                ? untilBack(retry)
                : null);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /** The backoff for an infrastructure failure: grows to {@code max-backoff}, never gives up. */
    static BackOff untilBack(ClaimsServiceProperties.Retry retry) {
        var backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        return backOff;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
