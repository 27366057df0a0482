package dev.parallelrun.ingress.intent.messaging;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import dev.parallelrun.ingress.intent.application.IntentPublisher;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes intents with an idempotent {@code acks=all} producer and waits for the acknowledgement.
 * The producer's own bounds ({@code max.block.ms} + {@code delivery.timeout.ms}) end every send; the
 * wait here is a backstop slightly longer than those, so the caller is never held indefinitely.
 */
public class KafkaIntentPublisher implements IntentPublisher {

    /** Headroom over the producer's own bounds, so that its precise error wins over a bare timeout. */
    private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(2);

    private final KafkaTemplate<String, CloudEvent> template;
    private final Duration wait;

    public KafkaIntentPublisher(KafkaTemplate<String, CloudEvent> template, Duration producerBound) {
        this.template = template;
        this.wait = producerBound.plus(BACKSTOP_MARGIN);
    }

    @Override
    public void publish(String topic, String key, CloudEvent event) {
        try {
            template.send(topic, key, event).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw notDurable(topic, e.getCause());
        } catch (TimeoutException e) {
            throw notDurable(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notDurable(topic, e);
        } catch (RuntimeException e) {
            // KafkaTemplate.send throws when the producer cannot even enqueue (max.block.ms exceeded)
            throw notDurable(topic, e);
        }
    }

    private static IntentNotDurableException notDurable(String topic, Throwable cause) {
        return new IntentNotDurableException("Kafka did not acknowledge the intent on " + topic + ": "
                + (cause == null ? "no reason given" : cause.getMessage()), cause);
    }
}
