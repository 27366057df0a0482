package dev.parallelrun.participant;

import dev.parallelrun.participant.personaldata.CachedSubjectKeys;
import dev.parallelrun.participant.personaldata.HttpSubjectKeys;
import dev.parallelrun.participant.personaldata.PersonalDataDecryptor;
import dev.parallelrun.participant.personaldata.PersonalDataProperties;
import org.slf4j.LoggerFactory;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.CloudEventDeserializer;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Everything a participant of the parallel run is built on, configured by {@link ParticipantProperties}
 * ({@code participant.*}): the participant needs only its {@link IntentHandler} beans and its schema's Flyway
 * locations to include {@code classpath:db/participant}.
 *
 * <p>Only an application that says which side it is ({@code participant.side}) is a participant: the services share
 * one classpath (the local runner, the tests that start the legacy stand-in), and the others must not become one.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnProperty(prefix = "participant", name = "side")
@EnableConfigurationProperties({ParticipantProperties.class, PersonalDataProperties.class})
@EnableScheduling
public class ParticipantAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return EventCodec.standard();
    }

    /** This participant as shared-events knows it: its side and source, how it builds outcomes and their ids. */
    @Bean
    @ConditionalOnMissingBean
    Participant participant(ParticipantProperties properties, Clock clock, EventCodec codec) {
        return new Participant(properties.side(), properties.source(), clock, codec);
    }

    /** The contexts the participant takes part in: its handlers'. */
    @Bean
    ParticipantContexts participantContexts(List<IntentHandler> handlers, ParticipantMetrics metrics) {
        ParticipantContexts contexts = ParticipantContexts.of(handlers);
        metrics.bind(contexts);
        return contexts;
    }

    /** Needed before the handlers exist (a handler may ask the gate, which counts); bound to their contexts after. */
    @Bean
    ParticipantMetrics participantMetrics(ParticipantProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new ParticipantMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), properties.side());
    }

    /**
     * The one topic a participant owns: its side's outcome topic. The intent topic and its dead-letter topic belong to
     * the ingress, which declares them (docs/operations.md, "Topics and their owners"); until they exist the listener
     * waits for them instead of failing.
     */
    @Bean
    NewTopic participantOutcomeTopic(ParticipantProperties properties) {
        ParticipantProperties.Topics topics = properties.topics();
        return TopicBuilder.name(properties.side().outcomeTopic())
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()))
                .build();
    }

    /**
     * Values are CloudEvents; a record that is not one fails deserialization inside the {@link ErrorHandlingDeserializer},
     * which hands it to the listener as such instead of killing the consumer. The session timeout is
     * {@code participant.consumer.session-timeout}, heartbeats every third of it: a participant killed without leaving
     * its group holds its partitions that long, not Kafka's default 45 s, which is longer than a matching window.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaConsumerFactoryCustomizer participantConsumer(ParticipantProperties properties) {
        long sessionMillis = properties.consumer().sessionTimeout().toMillis();
        return factory -> {
            var typed = (DefaultKafkaConsumerFactory<String, CloudEvent>) factory;
            typed.setKeyDeserializerSupplier(StringDeserializer::new);
            typed.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
            typed.updateConfigs(Map.of(
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionMillis,
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1, sessionMillis / 3)));
        };
    }

    /**
     * One producer for outcomes (CloudEvents) and dead letters (a CloudEvent, or the raw bytes of a record that was
     * none). Outcomes are facts reconciliation relies on: {@code acks=all} and idempotence are guarantees, so they are
     * set here, not left to configuration.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer participantProducer() {
        return factory -> {
            var typed = (DefaultKafkaProducerFactory<String, Object>) factory;
            typed.setKeySerializerSupplier(StringSerializer::new);
            typed.setValueSerializerSupplier(CloudEventOrBytesSerializer::new);
            typed.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        };
    }

    @Bean
    DeadLetters intentDeadLetters(KafkaOperations<?, ?> kafkaTemplate, ParticipantProperties properties,
            ParticipantMetrics metrics) {
        return new DeadLetters(kafkaTemplate, properties, metrics);
    }

    /**
     * For the record a batch reports failed: the records before it are committed, it is retried with a backoff (a
     * poison record is not; an infrastructure failure without end), then dead-lettered; the rest are fetched again.
     * The backoff sleeps on the consumer thread between polls, never longer than {@code max-backoff}, so the consumer
     * stays in its group however long the outage.
     */
    @Bean
    DefaultErrorHandler intentErrorHandler(DeadLetters deadLetters, ParticipantProperties properties) {
        ParticipantProperties.Retry retry = properties.retry();
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, bounded(retry));
        handler.setBackOffFunction((record, failure) -> DeadLetterReason.isInfrastructureFailure(failure)
                ? untilBack(retry)
                : null);
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /** The backoff for any other failure: {@code max-attempts} attempts in all. */
    static BackOff bounded(ParticipantProperties.Retry retry) {
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
        bounded.setInitialInterval(retry.initialBackoff().toMillis());
        bounded.setMultiplier(retry.multiplier());
        bounded.setMaxInterval(retry.maxBackoff().toMillis());
        return bounded;
    }

    /** The backoff for an infrastructure failure: grows to {@code max-backoff}, never gives up. */
    static BackOff untilBack(ParticipantProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialBackoff().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        return backOff;
    }

    @Bean
    OutcomePublisher outcomePublisher(KafkaTemplate<String, Object> kafkaTemplate, Participant participant,
            ParticipantProperties properties, ParticipantMetrics metrics) {
        return new KafkaOutcomePublisher(kafkaTemplate, participant, properties.publishTimeout(), metrics);
    }

    @Bean
    ProcessedIntents processedIntents(JdbcClient jdbc, EventCodec codec, Clock clock) {
        return new JdbcProcessedIntents(jdbc, codec, clock);
    }

    @Bean
    SideEffects sideEffects(JdbcClient jdbc, EventCodec codec) {
        return new JdbcSideEffects(jdbc, codec);
    }

    @Bean
    SideEffectGate sideEffectGate(ParticipantProperties properties, SideEffects sideEffects, Clock clock,
            EventCodec codec, ParticipantMetrics metrics) {
        return new SideEffectGate(properties.side(), sideEffects, clock, codec, metrics, properties.authorityDeadline());
    }

    /**
     * Decrypts intents' personal fields with keys from the ingress ({@code participant.personal-data.*}); without a
     * key service configured, handlers see the fields encrypted, as published.
     */
    @Bean
    @ConditionalOnMissingBean
    PersonalDataDecryptor personalDataDecryptor(PersonalDataProperties properties, Clock clock) {
        if (!properties.decrypts()) {
            LoggerFactory.getLogger(PersonalDataDecryptor.class).warn("participant.personal-data.key-service-url is "
                    + "not set: handlers see the personal fields of intents encrypted, as the ingress published them");
            return PersonalDataDecryptor.NONE;
        }
        return new PersonalDataDecryptor(new CachedSubjectKeys(
                new HttpSubjectKeys(properties.keyServiceUrl(), properties.apiKey(), properties.timeout()),
                properties.cacheTtl(), properties.cacheSize(), clock));
    }

    @Bean
    IntentProcessor intentProcessor(ParticipantProperties properties, List<IntentHandler> handlers,
            ProcessedIntents processedIntents, SideEffectGate gate, OutcomePublisher publisher,
            TransactionOperations transactions, ParticipantMetrics metrics, PersonalDataDecryptor personalData,
            Participant participant, Clock clock) {
        return new IntentProcessor(properties, handlers, processedIntents, gate, publisher, transactions, metrics,
                personalData, participant, clock);
    }

    /** A poll at a time, in offset order, decisions grouped: a participant that decides by itself. */
    @Bean
    @ConditionalOnExpression("${participant.consumer.parallelism:1} == 1")
    IntentListener intentListener(IntentProcessor processor, DeadLetters deadLetters) {
        return new IntentListener(processor, deadLetters);
    }

    /** Many intents at once and no poll barrier: a participant that waits on a slow system (the legacy adapter). */
    @Bean
    @ConditionalOnExpression("${participant.consumer.parallelism:1} > 1")
    @SuppressWarnings("unchecked")
    ParallelIntentConsumer parallelIntentConsumer(ConsumerFactory<?, ?> consumerFactory, ParticipantContexts contexts,
            IntentProcessor processor, DeadLetters deadLetters, ParticipantProperties properties,
            ParticipantMetrics metrics) {
        ParticipantProperties.Consumer consumer = properties.consumer();
        ParallelIntentConsumer parallel = new ParallelIntentConsumer((ConsumerFactory<String, CloudEvent>) consumerFactory,
                List.of(contexts.intentTopics()), consumer.group(), processor::process, deadLetters,
                bounded(properties.retry()), untilBack(properties.retry()), consumer.parallelism(),
                consumer.maxInFlight(), properties.publishTimeout());
        metrics.intentsInFlight(parallel::inFlight);
        return parallel;
    }

    /**
     * The outbox relay, on participants whose dispatched side effects are theirs to perform
     * ({@code participant.relay.enabled}; unset: the shadow side relays, the legacy side does not, since legacy
     * performs its own bookings and the adapter only records them).
     */
    @Bean
    @Conditional(RelayEnabledCondition.class)
    SideEffectRelay sideEffectRelay(JdbcClient jdbc, TransactionOperations transactions,
            KafkaTemplate<String, Object> kafkaTemplate, EventCodec codec, ParticipantMetrics metrics, Clock clock,
            ParticipantProperties properties) {
        return new SideEffectRelay(jdbc, transactions, kafkaTemplate, codec, metrics, clock, properties);
    }

    /** The relay's topic, declared by the participants that relay (same settings as their outcome topic). */
    @Bean
    @Conditional(RelayEnabledCondition.class)
    NewTopic sideEffectsDispatchedTopic(ParticipantProperties properties) {
        ParticipantProperties.Topics topics = properties.topics();
        return TopicBuilder.name(SideEffectRelay.TOPIC)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()))
                .build();
    }

    @Bean
    ProcessedIntentCleanup processedIntentCleanup(JdbcClient jdbc, TransactionOperations transactions,
            ParticipantProperties properties, Clock clock) {
        return new ProcessedIntentCleanup(jdbc, transactions, properties.retention(), clock);
    }
}
