package dev.parallelrun.adapter.claims.messaging;

import dev.parallelrun.adapter.claims.application.ClaimIntentHandler;
import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes claim intents (group {@code legacy-adapter}). Failures propagate to the container's error
 * handler: poison records are dead-lettered, anything else is redelivered.
 */
@Component
class ClaimIntentListener {

    private final ClaimIntentHandler handler;

    ClaimIntentListener(ClaimIntentHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(topics = "#{T(dev.parallelrun.events.claims.ClaimsContract).CLAIM_SUBMITTED.topic()}")
    void onIntent(ConsumerRecord<String, CloudEvent> record) {
        if (record.value() == null) {
            throw new MalformedEventException("empty record: expected a CloudEvents JSON object");
        }
        handler.handle(record.value());
    }
}
