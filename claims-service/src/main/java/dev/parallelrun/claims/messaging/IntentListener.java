package dev.parallelrun.claims.messaging;

import dev.parallelrun.claims.application.ClaimIntentService;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads claims intents and hands each to the application. Failures go to {@link KafkaConfig}'s error handler. */
@Component
class IntentListener {

    /** The claims intent topic ({@code Topics.intents("claims")}; a test pins the two together). */
    static final String TOPIC = "intents.claims.v1";
    /** Consumer group id = the service's name. */
    static final String GROUP_ID = "claims-service";

    private final ClaimIntentService service;

    IntentListener(ClaimIntentService service) {
        this.service = service;
    }

    @KafkaListener(id = "claims-service-intents", groupId = GROUP_ID, topics = TOPIC)
    void onIntent(ConsumerRecord<String, CloudEvent> record) {
        if (record.value() == null) {
            throw new MalformedEventException("empty record: expected a CloudEvents JSON object");
        }
        service.handle(record.value());
    }
}
