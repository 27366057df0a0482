package dev.parallelrun.reconciliation.config;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.reconciliation.verdicts.sink.StoreFailures;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/**
 * The verdict sink's listener with its dead-letter handling, and the unsampled-intent sink's listener (the topics:
 * {@link ReconciliationTopicsConfig}).
 */
@Configuration(proxyBeanMethods = false)
class VerdictSinkConfig {

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            ReconciliationProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciliation-service-dead-letters");
        // a dead letter the broker does not take fails its batch within the timeout, well inside max.poll.interval
        int timeout = (int) properties.sink().deadLetterSendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        var values = new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(),
                CloudEvent.class, new CloudEventSerializer()));
        @SuppressWarnings({"unchecked", "rawtypes"})
        var factory = new DefaultKafkaProducerFactory<Object, Object>(config, (Serializer) new StringSerializer(),
                (Serializer) values);
        return new KafkaTemplate<>(factory);
    }

    /**
     * Dead letters of the verdict sink: {@code reconciliation.verdicts.v1.dlq}, same partition (the topic is
     * declared with as many partitions as its source), the reason and the origin in the {@link Headers} every
     * service uses. Sending fails unless the broker acknowledged, so a lost dead letter is never committed over.
     */
    @Bean
    DeadLetterPublishingRecoverer verdictDeadLetters(KafkaTemplate<Object, Object> deadLetterTemplate,
            ReconciliationProperties properties) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setHeadersFunction(VerdictSinkConfig::deadLetterHeaders);
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(properties.sink().deadLetterSendTimeout());
        return recoverer;
    }

    /**
     * What the sink's listener throws reaches here only when no verdict of the batch could be judged: the
     * database (or the broker, for a dead letter) is unavailable. The batch is retried with the consumer paused
     * (it keeps polling, so it stays in its group) after a bounded backoff, without limit in time or attempts,
     * and is never dead-lettered: bad records are dead-lettered by the sink itself, one by one.
     */
    @Bean
    DefaultErrorHandler verdictErrorHandler(ReconciliationProperties properties) {
        ReconciliationProperties.Retry retry = properties.sink().retry();
        var backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("the verdict sink never gives a batch up", e);
        }, backOff);
        // every failure that reaches the handler is retried, including the types it gives up on by default
        handler.setClassifications(Map.of(), true);
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

    /**
     * The intent topics' listener that counts the intents sampling left out: batches, and a database outage
     * waited out by the same handler as the verdict sink's.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CloudEvent> intentListenerFactory(
            ConsumerFactory<String, CloudEvent> consumerFactory, DefaultErrorHandler verdictErrorHandler) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, CloudEvent>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(verdictErrorHandler);
        return factory;
    }

    static RecordHeaders deadLetterHeaders(ConsumerRecord<?, ?> record, Exception failure) {
        var headers = new RecordHeaders();
        headers.add(Headers.DLQ_REASON, utf8(StoreFailures.reason(failure)));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(Headers.DLQ_ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        headers.add(Headers.DLQ_ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
