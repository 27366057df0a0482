package dev.parallelrun.ingress.intent.application;

import dev.parallelrun.events.CloudEvent;

/** Makes an intent event durable on the message broker. */
public interface IntentPublisher {

    /**
     * Publishes the event and returns once the broker acknowledged it (all in-sync replicas).
     *
     * @throws IntentNotDurableException when the broker did not acknowledge within the bounded time
     */
    void publish(String topic, String key, CloudEvent event);
}
