package dev.parallelrun.claims.application;

import dev.parallelrun.events.CloudEvent;
import java.util.List;

/** Port: where outcomes go once they are durable in the database. */
public interface OutcomeSink {

    /**
     * Publishes outcomes and returns only once the broker has acknowledged every one of them.
     *
     * @throws OutcomeNotPublishedException when an outcome could not be published
     */
    void publish(List<CloudEvent> outcomes);
}
