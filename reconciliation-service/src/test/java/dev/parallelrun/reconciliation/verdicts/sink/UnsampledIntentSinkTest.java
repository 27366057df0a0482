package dev.parallelrun.reconciliation.verdicts.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore.UnsampledIntent;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class UnsampledIntentSinkTest {

    @Test
    void readsEveryContextsIntentTopicButNotItsDeadLetterTopic() {
        Pattern topics = Pattern.compile(UnsampledIntentSink.INTENT_TOPICS);

        assertThat(topics.matcher(Topics.intents("claims")).matches()).isTrue();
        assertThat(topics.matcher(Topics.intents("motor-policies")).matches()).isTrue();
        assertThat(topics.matcher(Topics.deadLetter(Topics.intents("claims"))).matches()).isFalse();
        assertThat(topics.matcher(Topics.OUTCOMES_LEGACY).matches()).isFalse();
    }

    @Test
    void keepsOnlyTheIntentsSamplingLeftOut() {
        CloudEvent left = intent().withSampled(false);
        CloudEvent kept = intent();
        CloudEvent replayedLeft = replay(intent().withSampled(false));

        List<UnsampledIntent> unsampled = UnsampledIntentSink.unsampled(List.of(record(left), record(kept),
                record(replayedLeft), record(null)));

        assertThat(unsampled).containsExactly(new UnsampledIntent(left.id(), "claims", left.type(), left.time()));
    }

    private static ConsumerRecord<String, CloudEvent> record(CloudEvent intent) {
        return new ConsumerRecord<>(Topics.intents("claims"), 0, 0, intent == null ? "unreadable" : intent.correlationId(),
                intent);
    }

    private static CloudEvent intent() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(), golden.source(),
                golden.time(), golden.dataContentType(), UUID.randomUUID().toString(), null, golden.boundedContext(),
                null, null, null, null, null, null, null, null, null, golden.data());
    }

    private static CloudEvent replay(CloudEvent intent) {
        return new CloudEvent(intent.specVersion(), intent.id(), intent.type(), intent.source(), intent.time(),
                intent.dataContentType(), intent.correlationId(), intent.causationId(), intent.boundedContext(), null, null,
                null, Boolean.TRUE, UUID.randomUUID().toString(), null, null, intent.sampled(), null, intent.data());
    }
}
