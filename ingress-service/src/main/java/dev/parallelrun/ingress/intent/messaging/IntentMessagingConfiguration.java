package dev.parallelrun.ingress.intent.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventSerializer;
import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * The intent producer and topics. The settings that the 202-means-durable promise rests on
 * ({@code acks=all}, idempotence, bounded blocking and delivery) are fixed here, over whatever
 * {@code spring.kafka.producer} says; everything else (bootstrap servers, security) comes from there.
 */
@Configuration(proxyBeanMethods = false)
class IntentMessagingConfiguration {

    @Bean
    ProducerFactory<String, CloudEvent> intentProducerFactory(KafkaProperties kafka, IngressProperties ingress) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        IngressProperties.Publish publish = ingress.publish();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) publish.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) publish.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) publish.deliveryTimeout().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        // no Kafka transactions: one record per request, made safe to retry by deterministic event ids
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> intentKafkaTemplate(ProducerFactory<String, CloudEvent> intentProducerFactory) {
        KafkaTemplate<String, CloudEvent> template = new KafkaTemplate<>(intentProducerFactory);
        // a failed send is logged without its payload: intents carry personal data (the claimant)
        LoggingProducerListener<String, CloudEvent> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        template.setProducerListener(listener);
        return template;
    }

    @Bean
    KafkaIntentPublisher kafkaIntentPublisher(KafkaTemplate<String, CloudEvent> intentKafkaTemplate,
            IngressProperties ingress) {
        return new KafkaIntentPublisher(intentKafkaTemplate, ingress.publish().bound());
    }

    /**
     * The ingress owns the intent topics: one per bounded context that has a registered intent type, e.g.
     * {@code intents.claims.v1}, and its dead-letter topic {@code intents.claims.v1.dlq}, which every consumer
     * of the intents (the legacy adapter, each shadow service) shares. Declaring both here keeps the
     * dead-letter topic at as many partitions as its source (a dead letter keeps its partition number).
     * No other service declares them (docs/operations.md, "Topics and their owners").
     */
    @Bean
    KafkaAdmin.NewTopics intentTopics(IntentCatalog catalog, IngressProperties ingress) {
        IngressProperties.Topics topics = ingress.topics();
        return new KafkaAdmin.NewTopics(catalog.boundedContexts().stream()
                .map(dev.parallelrun.events.Topics::intents)
                .flatMap(topic -> Stream.of(topic, dev.parallelrun.events.Topics.deadLetter(topic)))
                .map(name -> TopicBuilder.name(name)
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas()))
                        .build())
                .toArray(NewTopic[]::new));
    }
}
