package dev.parallelrun.adapter.claims.application;

import dev.parallelrun.events.CloudEvent;
import java.util.List;

/** Publishes outcome events to the legacy outcome topic. */
public interface OutcomePublisher {

    /**
     * Publishes the events and returns once the broker acknowledged every one of them.
     *
     * @throws RuntimeException when an event could not be published; the caller must not consider the intent done
     */
    void publish(List<CloudEvent> outcomes);
}
