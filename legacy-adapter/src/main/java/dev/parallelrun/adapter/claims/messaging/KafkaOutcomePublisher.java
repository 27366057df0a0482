package dev.parallelrun.adapter.claims.messaging;

import dev.parallelrun.adapter.claims.application.OutcomeNotPublishedException;
import dev.parallelrun.adapter.claims.application.OutcomePublisher;
import dev.parallelrun.adapter.config.LegacyAdapterProperties;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.participant.Participant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes outcomes on {@code outcomes.legacy.v1}, keyed by correlation id, and waits for the broker's acknowledgement. */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

    private final KafkaTemplate<String, Object> kafkaTemplate;
    private final Participant participant;
    private final Duration sendTimeout;

    KafkaOutcomePublisher(KafkaTemplate<String, Object> kafkaTemplate, Participant participant,
            LegacyAdapterProperties properties) {
        this.kafkaTemplate = kafkaTemplate;
        this.participant = participant;
        this.sendTimeout = properties.kafka().sendTimeout();
    }

    @Override
    public void publish(List<CloudEvent> outcomes) {
        CompletableFuture<?>[] sends = outcomes.stream()
                .map(participant::record)
                .map(record -> kafkaTemplate.send(new ProducerRecord<String, Object>(record.topic(), record.key(),
                        record.value())))
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(sends).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeNotPublishedException("interrupted while publishing outcomes", e);
        } catch (ExecutionException e) {
            throw new OutcomeNotPublishedException("outcomes not acknowledged by the broker", e.getCause());
        } catch (TimeoutException e) {
            throw new OutcomeNotPublishedException("outcomes not acknowledged within " + sendTimeout, e);
        }
    }
}
