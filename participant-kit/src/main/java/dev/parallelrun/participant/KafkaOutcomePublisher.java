package dev.parallelrun.participant;

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

/** Publishes outcomes on the side's outcome topic, keyed by correlation id, and waits for the broker's acknowledgement. */
final class KafkaOutcomePublisher implements OutcomePublisher {

    private final KafkaTemplate<String, Object> kafkaTemplate;
    private final Participant participant;
    private final Duration publishTimeout;
    private final ParticipantMetrics metrics;

    KafkaOutcomePublisher(KafkaTemplate<String, Object> kafkaTemplate, Participant participant,
            Duration publishTimeout, ParticipantMetrics metrics) {
        this.kafkaTemplate = kafkaTemplate;
        this.participant = participant;
        this.publishTimeout = publishTimeout;
        this.metrics = metrics;
    }

    @Override
    public void publish(List<CloudEvent> outcomes) {
        long started = System.nanoTime();
        CompletableFuture<?>[] sends = outcomes.stream()
                .map(participant::record)
                .map(record -> kafkaTemplate.send(new ProducerRecord<String, Object>(record.topic(), record.key(),
                        record.value())))
                .toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(sends).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.published(System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notPublished(outcomes, "interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw notPublished(outcomes, "not acknowledged by the broker", e.getCause());
        } catch (TimeoutException e) {
            throw notPublished(outcomes, "not acknowledged within " + publishTimeout, e);
        }
    }

    private static OutcomeNotPublishedException notPublished(List<CloudEvent> outcomes, String why, Throwable cause) {
        String correlationId = outcomes.isEmpty() ? "?" : outcomes.get(0).correlationId();
        return new OutcomeNotPublishedException("outcomes of correlation " + correlationId + " " + why, cause);
    }
}
