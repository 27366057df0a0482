package dev.parallelrun.claims.messaging;

import dev.parallelrun.claims.application.OutcomeNotPublishedException;
import dev.parallelrun.claims.application.OutcomeSink;
import dev.parallelrun.claims.config.ClaimsServiceProperties;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.participant.Participant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes outcomes to {@code outcomes.shadow.v1}, keyed by correlation id, and waits for the acks. */
@Component
class KafkaOutcomePublisher implements OutcomeSink {

    private final KafkaTemplate<String, CloudEvent> template;
    private final Participant participant;
    private final Duration ackTimeout;

    KafkaOutcomePublisher(KafkaTemplate<String, CloudEvent> template, Participant participant,
            ClaimsServiceProperties properties) {
        this.template = template;
        this.participant = participant;
        this.ackTimeout = properties.publishing().ackTimeout();
    }

    @Override
    public void publish(List<CloudEvent> outcomes) {
        CompletableFuture<?>[] sends = outcomes.stream()
                .map(outcome -> template.send(participant.record(outcome)))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw notPublished(outcomes, e.getCause());
        } catch (TimeoutException e) {
            throw notPublished(outcomes, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notPublished(outcomes, e);
        }
    }

    private static OutcomeNotPublishedException notPublished(List<CloudEvent> outcomes, Throwable cause) {
        String correlationId = outcomes.isEmpty() ? "?" : outcomes.get(0).correlationId();
        return new OutcomeNotPublishedException(
                "outcomes of correlation " + correlationId + " were not acknowledged by the broker", cause);
    }
}
