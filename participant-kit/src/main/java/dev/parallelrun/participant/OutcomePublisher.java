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

    /**
     * Publishes the outcomes of several intents in their order and returns once the broker acknowledged every one of
     * them. A publisher that can should send them all before it waits, so that the group costs one wait, not one per
     * intent; this default publishes them one intent after the other.
     *
     * @param outcomesOfIntents each intent's outcome events, in the order the intents were consumed
     * @throws OutcomesPartlyPublishedException naming the first intent whose outcomes were not acknowledged (with the
     *                                          failure as its cause); every intent before it was acknowledged
     */
    default void publishInOrder(List<List<CloudEvent>> outcomesOfIntents) {
        for (int position = 0; position < outcomesOfIntents.size(); position++) {
            try {
                publish(outcomesOfIntents.get(position));
            } catch (RuntimeException e) {
                throw new OutcomesPartlyPublishedException(position, e);
            }
        }
    }
}
