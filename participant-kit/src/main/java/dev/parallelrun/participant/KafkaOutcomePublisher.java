package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.participant.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes outcomes on the side's outcome topic, keyed by correlation id, and waits for the broker's acknowledgement.
 * A group of intents' outcomes is sent at once and awaited once, within one {@code participant.publish-timeout}.
 */
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
        try {
            publishInOrder(List.of(outcomes));
        } catch (OutcomesPartlyPublishedException e) {
            throw e.getCause();
        }
    }

    @Override
    public void publishInOrder(List<List<CloudEvent>> outcomesOfIntents) {
        long started = System.nanoTime();
        List<CompletableFuture<?>> sends = new ArrayList<>(outcomesOfIntents.size());
        RuntimeException unsent = null;
        for (List<CloudEvent> outcomes : outcomesOfIntents) {
            try {
                sends.add(CompletableFuture.allOf(outcomes.stream()
                        .map(participant::record)
                        .map(record -> kafkaTemplate.send(new ProducerRecord<String, Object>(record.topic(),
                                record.key(), record.value())))
                        .toArray(CompletableFuture<?>[]::new)));
            } catch (RuntimeException e) {
                // not handed to the producer (no metadata or buffer space in time, too large, unserialisable): as
                // thrown, so that the error handler tells a broker that is away from a record that can never be sent
                unsent = e;
                break;
            }
        }
        long deadline = started + publishTimeout.toNanos();
        for (int position = 0; position < sends.size(); position++) {
            OutcomeNotPublishedException failure = awaitAcknowledgement(sends.get(position), deadline,
                    outcomesOfIntents.get(position));
            if (failure != null) {
                throw new OutcomesPartlyPublishedException(position, failure);
            }
        }
        if (unsent != null) {
            throw new OutcomesPartlyPublishedException(sends.size(), unsent);
        }
        metrics.published(System.nanoTime() - started);
    }

    private OutcomeNotPublishedException awaitAcknowledgement(CompletableFuture<?> send, long deadline,
            List<CloudEvent> outcomes) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notPublished(outcomes, "interrupted while publishing", e);
        } catch (ExecutionException e) {
            return notPublished(outcomes, "not acknowledged by the broker", e.getCause());
        } catch (TimeoutException e) {
            return notPublished(outcomes, "not acknowledged within " + publishTimeout, e);
        }
    }

    private static OutcomeNotPublishedException notPublished(List<CloudEvent> outcomes, String why, Throwable cause) {
        String correlationId = outcomes.isEmpty() ? "?" : outcomes.get(0).correlationId();
        return new OutcomeNotPublishedException("outcomes of correlation " + correlationId + " " + why, cause);
    }
}
