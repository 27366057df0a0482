package dev.parallelrun.adapter.config;

import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.claims.ClaimsContract;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka for the adapter: the topics it declares, its producer (acks=all, idempotent) and the error
 * handling of the intent listener.
 *
 * <p>A poison record (not an event, not a claims intent, undecodable data) is dead-lettered at
 * once. An infrastructure failure (the database refusing connections, the broker not acknowledging
 * an outcome) is never the record's fault: it is retried with a backoff until the infrastructure is
 * back, however long, and never dead-lettered. Any other failure is retried {@code max-attempts}
 * times, then dead-lettered. Dead letters go to {@code <topic>.dlq}, same partition, with the reason
 * in {@link Headers#DLQ_REASON}; a dead letter the broker does not acknowledge fails the recovery,
 * so the record is not committed but tried again.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String INTENTS = ClaimsContract.CLAIM_SUBMITTED.topic();

    /**
     * The one topic the adapter owns. The intent topic and its dead-letter topic belong to the ingress,
     * which declares them (docs/operations.md, "Topics and their owners"); until they exist the listener
     * waits for them instead of failing.
     */
    @Bean
    NewTopic legacyOutcomesTopic(LegacyAdapterProperties properties) {
        return topic(Topics.OUTCOMES_LEGACY, properties.kafka());
    }

    @Bean
    ProducerFactory<String, Object> producerFactory(KafkaProperties kafkaProperties,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        // outcomes are facts reconciliation relies on: never acknowledged before every in-sync replica has them
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new CloudEventOrBytesSerializer());
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    /** Dead letters: {@code <topic>.dlq}, same partition, the reason in a header; fails unless the broker acknowledged. */
    @Bean
    DeadLetterPublishingRecoverer intentDeadLetters(KafkaTemplate<String, Object> kafkaTemplate,
            LegacyAdapterProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(properties.kafka().sendTimeout());
        recoverer.addHeadersFunction(KafkaConfiguration::deadLetterHeaders);
        return recoverer;
    }

    /**
     * For the record a batch reports failed ({@code BatchListenerFailedException}): the records before it are
     * committed, it is retried with a backoff (a poison record is not; an infrastructure failure without end), then
     * dead-lettered; the rest are fetched again. The backoff sleeps on the consumer thread between polls, never longer
     * than {@code max-backoff}, so the consumer stays in its group however long the outage.
     */
    @Bean
    DefaultErrorHandler intentErrorHandler(DeadLetterPublishingRecoverer deadLetters, LegacyAdapterProperties properties) {
        LegacyAdapterProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
        bounded.setInitialInterval(retry.initialBackoff().toMillis());
        bounded.setMultiplier(retry.multiplier());
        bounded.setMaxInterval(retry.maxBackoff().toMillis());

        ConsumerRecordRecoverer recoverer = (record, failure) -> {
            if (DeadLetterReason.isInfrastructureFailure(failure)) {
                // the backoff function never ends for these; this only guards a classification that changed mid-way
                throw new IllegalStateException("not dead-lettering " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": an infrastructure failure, not a bad record; it will be redelivered",
                        failure);
            }
            deadLetters.accept(record, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded);
        handler.setBackOffFunction((record, failure) -> DeadLetterReason.isInfrastructureFailure(failure)
                ? untilBack(retry)
                : null);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /** The backoff for an infrastructure failure: grows to {@code max-backoff}, never gives up. */
    static BackOff untilBack(LegacyAdapterProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        return backOff;
    }

    static RecordHeaders deadLetterHeaders(ConsumerRecord<?, ?> record, Exception failure) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.DLQ_REASON, utf8(DeadLetterReason.of(failure)));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(Headers.DLQ_ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        headers.add(Headers.DLQ_ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        return headers;
    }

    private static NewTopic topic(String name, LegacyAdapterProperties.Kafka kafka) {
        return TopicBuilder.name(name).partitions(kafka.partitions()).replicas(kafka.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(kafka.minInsyncReplicas()))
                .build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
