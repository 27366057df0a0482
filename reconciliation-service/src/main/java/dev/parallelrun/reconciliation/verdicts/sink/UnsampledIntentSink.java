package dev.parallelrun.reconciliation.verdicts.sink;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore.UnsampledIntent;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every intent that sampling left out of the parallel run ({@code sampled = false}), read from the intent
 * topics in batches, so that the match-rate API can say how many intents its rates do not rest on (the
 * correlation decides no verdict for them). Idempotent: redelivery stores nothing twice.
 *
 * <p>An unreadable intent is skipped (the participants dead-letter it on their side), and so is a replayed one
 * (replays stay out of live match rates). An unavailable database fails the batch, which the shared sink error
 * handler retries, paused, for as long as the outage lasts.
 */
@Component
class UnsampledIntentSink {

    static final String LISTENER_ID = "unsampled-intents";
    static final String GROUP_ID = "reconciliation-service.unsampled-intents";
    /** Every context's intent topic ({@code intents.<context>.v1}), not its dead-letter topic. */
    static final String INTENT_TOPICS = "intents\\.[^.]+\\.v1";

    private final UnsampledIntentStore store;

    UnsampledIntentSink(UnsampledIntentStore store) {
        this.store = store;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topicPattern = INTENT_TOPICS,
            containerFactory = "intentListenerFactory", batch = "true")
    void onIntents(List<ConsumerRecord<String, CloudEvent>> records) {
        store.saveAll(unsampled(records));
    }

    static List<UnsampledIntent> unsampled(List<ConsumerRecord<String, CloudEvent>> records) {
        List<UnsampledIntent> unsampled = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent intent = record.value();
            if (intent == null || intent.inSample() || intent.isReplay() || intent.boundedContext() == null) {
                continue;
            }
            unsampled.add(new UnsampledIntent(intent.id(), intent.boundedContext(), intent.type(), intent.time()));
        }
        return unsampled;
    }
}
