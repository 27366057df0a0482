package dev.parallelrun.reconciliation.verdicts.sink;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.reconciliation.verdicts.persistence.IntentCohortStore;
import dev.parallelrun.reconciliation.verdicts.persistence.IntentCohortStore.IntentCohort;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore;
import dev.parallelrun.reconciliation.verdicts.persistence.UnsampledIntentStore.UnsampledIntent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads the intent topics in batches for what reconciliation must know of each accepted intent beyond its verdicts:
 * <ul>
 *   <li>every intent that sampling left out of the parallel run ({@code sampled = false}), so that the match-rate API
 *   can say how many intents its rates do not rest on (the correlation decides no verdict for them);</li>
 *   <li>each business transaction's cohort attributes (product line, region, channel) and the authority stamped on
 *   it, so that readiness can count the evidence of a cohort being promoted.</li>
 * </ul>
 * Idempotent: redelivery stores nothing twice. One consumer of the intent topics, not one per purpose.
 *
 * <p>An unreadable intent is skipped (the participants dead-letter it on their side), and so is a replayed one
 * (replays stay out of live match rates and readiness) and a fallback (the re-issue of an intent already seen, under
 * the same correlation id). An unavailable database fails the batch, which the shared sink error handler retries,
 * paused, for as long as the outage lasts.
 */
@Component
class IntentSink {

    static final String LISTENER_ID = "unsampled-intents";
    /** Unchanged since the sink only stored unsampled intents: the group keeps its committed offsets. */
    static final String GROUP_ID = "reconciliation-service.unsampled-intents";
    /** Every context's intent topic ({@code intents.<context>.v1}), not its dead-letter topic. */
    static final String INTENT_TOPICS = "intents\\.[^.]+\\.v1";
    /** The source of an intent the ingress accepted from a channel; the rest is the channel's name. */
    static final String CHANNEL_SOURCE_PREFIX = "urn:parallelrun:ingress:channel:";

    private final UnsampledIntentStore unsampledIntents;
    private final IntentCohortStore intentCohorts;

    IntentSink(UnsampledIntentStore unsampledIntents, IntentCohortStore intentCohorts) {
        this.unsampledIntents = unsampledIntents;
        this.intentCohorts = intentCohorts;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topicPattern = INTENT_TOPICS,
            containerFactory = "intentListenerFactory", batch = "true")
    void onIntents(List<ConsumerRecord<String, CloudEvent>> records) {
        intentCohorts.saveAll(cohorts(records));
        unsampledIntents.saveAll(unsampled(records));
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

    static List<IntentCohort> cohorts(List<ConsumerRecord<String, CloudEvent>> records) {
        List<IntentCohort> cohorts = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent intent = record.value();
            if (intent == null || intent.isReplay() || intent.isFallback() || intent.boundedContext() == null
                    || intent.correlationId() == null || intent.time() == null) {
                continue;
            }
            cohorts.add(new IntentCohort(intent.correlationId(), intent.boundedContext(), text(intent.data(), "productLine"),
                    text(intent.data(), "region"), channel(intent.source()), intent.authority(),
                    intent.authorityDecision(), intent.time()));
        }
        return cohorts;
    }

    private static String channel(String source) {
        if (source == null || !source.startsWith(CHANNEL_SOURCE_PREFIX) || source.length() == CHANNEL_SOURCE_PREFIX.length()) {
            return null;
        }
        return source.substring(CHANNEL_SOURCE_PREFIX.length());
    }

    private static String text(JsonNode data, String field) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode value = data.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
