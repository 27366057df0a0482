package dev.parallelrun.reconciliation.verdicts.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.reconciliation.verdicts.persistence.IntentCohortStore;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore.UnsampledIntent;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IntentSinkTest {

    @Test
    void readsEveryContextsIntentTopicButNotItsDeadLetterTopic() {
        Pattern topics = Pattern.compile(IntentSink.INTENT_TOPICS);

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

        List<UnsampledIntent> unsampled = IntentSink.unsampled(List.of(record(left), record(kept),
                record(replayedLeft), record(null)));

        assertThat(unsampled).containsExactly(new UnsampledIntent(left.id(), "claims", left.type(), left.time()));
    }

    @Test
    void keepsTheCohortAttributesOfEveryLiveIntentButNotOfAReplayOrAFallback() {
        CloudEvent live = intent().withAuthority(dev.parallelrun.events.Side.SHADOW, "decision-1");
        CloudEvent unsampled = intent().withSampled(false);
        CloudEvent fallback = live.asFallback(UUID.randomUUID().toString(), live.time());
        CloudEvent replayed = replay(intent());

        List<IntentCohortStore.IntentCohort> cohorts = IntentSink.cohorts(List.of(record(live), record(unsampled),
                record(fallback), record(replayed), record(null)));

        assertThat(cohorts).extracting(IntentCohortStore.IntentCohort::correlationId)
                .containsExactly(live.correlationId(), unsampled.correlationId());
        IntentCohortStore.IntentCohort first = cohorts.get(0);
        assertThat(first.context()).isEqualTo("claims");
        assertThat(first.productLine()).isEqualTo(live.data().get("productLine").asString());
        assertThat(first.region()).isEqualTo(live.data().get("region").asString());
        assertThat(first.authority()).isEqualTo("shadow");
        assertThat(first.authorityDecision()).isEqualTo("decision-1");
        assertThat(first.acceptedAt()).isEqualTo(live.time());
    }

    @Test
    void takesTheChannelFromTheIngressSource() {
        CloudEvent golden = intent();
        CloudEvent fromPortal = new CloudEvent(golden.specVersion(), golden.id(), golden.type(),
                IntentSink.CHANNEL_SOURCE_PREFIX + "broker-portal", golden.time(), golden.dataContentType(),
                golden.correlationId(), null, golden.boundedContext(), null, null, null, null, null, null, null, null, null, null,
                golden.data());
        CloudEvent elsewhere = new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(),
                "urn:test:somewhere", golden.time(), golden.dataContentType(), UUID.randomUUID().toString(), null,
                golden.boundedContext(), null, null, null, null, null, null, null, null, null, null, golden.data());

        List<IntentCohortStore.IntentCohort> cohorts = IntentSink.cohorts(List.of(record(fromPortal), record(elsewhere)));

        assertThat(cohorts).extracting(IntentCohortStore.IntentCohort::channel).containsExactly("broker-portal", null);
    }

    private static ConsumerRecord<String, CloudEvent> record(CloudEvent intent) {
        return new ConsumerRecord<>(Topics.intents("claims"), 0, 0, intent == null ? "unreadable" : intent.correlationId(),
                intent);
    }

    private static CloudEvent intent() {
        CloudEvent golden = GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED);
        return new CloudEvent(golden.specVersion(), UUID.randomUUID().toString(), golden.type(), golden.source(),
                golden.time(), golden.dataContentType(), UUID.randomUUID().toString(), null, golden.boundedContext(),
                null, null, null, null, null, null, null, null, null, null, golden.data());
    }

    private static CloudEvent replay(CloudEvent intent) {
        return new CloudEvent(intent.specVersion(), intent.id(), intent.type(), intent.source(), intent.time(),
                intent.dataContentType(), intent.correlationId(), intent.causationId(), intent.boundedContext(), null, null,
                null, Boolean.TRUE, UUID.randomUUID().toString(), null, null, null, intent.sampled(), null, intent.data());
    }
}
