package dev.parallelrun.participant;

import dev.parallelrun.events.CloudEvent;
import java.util.List;

/** Publishes outcome events on this participant's outcome topic, keyed by correlation id. */
public interface OutcomePublisher {

    /**
     * Publishes the events and returns once the broker acknowledged every one of them ({@code acks=all}).
     *
     * @throws OutcomeNotPublishedException when one was not acknowledged within {@code participant.publish-timeout}
     */
    void publish(List<CloudEvent> outcomes);
}
