package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Side;
import dev.parallelrun.events.participant.Participant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** A group of intents' outcomes: all sent before the one wait, the first unacknowledged intent named. */
class KafkaOutcomePublisherTest {

    private final EventCodec codec = EventCodec.standard();
    private final Participant participant = new Participant(Side.SHADOW, "urn:parallelrun:test", Clock.systemUTC(),
            codec);
    private final MockProducer<String, Object> producer = new MockProducer<>(false, null, new StringSerializer(),
            (topic, value) -> codec.write((CloudEvent) value));
    private final KafkaOutcomePublisher publisher = new KafkaOutcomePublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), participant,
            Duration.ofSeconds(10),
            new ParticipantMetrics(new SimpleMeterRegistry(), new ParticipantContexts(List.of(Notes.CONTEXT)),
                    Side.SHADOW));

    @Test
    void sendsEveryIntentsOutcomesBeforeItWaitsAndReturnsWhenAllAreAcknowledged() {
        List<List<CloudEvent>> group = List.of(outcomes(), outcomes(), outcomes());

        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publisher.publishInOrder(group));

        await().until(() -> producer.history().size() == 3);
        assertThat(publishing).as("waits for the acknowledgements").isNotDone();
        while (producer.completeNext()) {
            // the broker acknowledges the three sends
        }
        assertThat(publishing).succeedsWithin(Duration.ofSeconds(10));
        assertThat(producer.history()).extracting(record -> record.key())
                .containsExactly(group.get(0).get(0).correlationId(), group.get(1).get(0).correlationId(),
                        group.get(2).get(0).correlationId());
    }

    @Test
    void namesTheFirstIntentWhoseOutcomesTheBrokerRefused() {
        List<List<CloudEvent>> group = List.of(outcomes(), outcomes(), outcomes());

        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publisher.publishInOrder(group));
        await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new NotEnoughReplicasException("not enough in-sync replicas"));
        producer.completeNext();

        assertThat(publishing).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(OutcomesPartlyPublishedException.class, failure -> {
                    assertThat(failure.firstNotPublished()).isEqualTo(1);
                    assertThat(failure.getCause()).isInstanceOf(OutcomeNotPublishedException.class)
                            .hasMessageContaining(group.get(1).get(0).correlationId())
                            .hasMessageContaining("not acknowledged by the broker");
                });
    }

    @Test
    void aSingleIntentsFailureIsTheOutcomeNotPublishedItself() {
        List<CloudEvent> outcomes = outcomes();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publisher.publish(outcomes));
        await().until(() -> producer.history().size() == 1);
        producer.errorNext(new NotEnoughReplicasException("not enough in-sync replicas"));

        assertThatThrownBy(publishing::join).cause().isExactlyInstanceOf(OutcomeNotPublishedException.class)
                .hasMessageContaining(outcomes.get(0).correlationId());
    }

    @Test
    void aRecordTheProducerRefusesOutrightIsReportedAsThrownSoItIsNotRetriedAsAnOutage() {
        producer.sendException = new RecordTooLargeException("larger than max.request.size");

        assertThatThrownBy(() -> publisher.publishInOrder(List.of(outcomes(), outcomes())))
                .isInstanceOfSatisfying(OutcomesPartlyPublishedException.class, failure -> {
                    assertThat(failure.firstNotPublished()).isZero();
                    assertThat(failure.getCause()).isInstanceOf(RecordTooLargeException.class);
                    assertThat(DeadLetterReason.isInfrastructureFailure(failure.getCause())).isFalse();
                });
        assertThat(producer.history()).isEmpty();
    }

    private List<CloudEvent> outcomes() {
        CloudEvent intent = Notes.intent();
        return List.of(participant.completed(intent, Notes.NOTE_FILED, Map.of("text", "filed")));
    }
}
