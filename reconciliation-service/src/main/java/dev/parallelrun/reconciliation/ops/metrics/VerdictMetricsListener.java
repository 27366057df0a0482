package dev.parallelrun.reconciliation.ops.metrics;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads {@code reconciliation.verdicts.v1} (read committed, in its own consumer group that starts at the
 * end of the topic) into {@link VerdictMetrics}. It reads the bytes into a {@link VerdictTally}, not the whole
 * verdict. It only observes: a record it cannot read is skipped, the verdict sink is the one that dead-letters it.
 */
final class VerdictMetricsListener {

    static final String LISTENER_ID = "verdict-metrics";
    private static final Logger log = LoggerFactory.getLogger(VerdictMetricsListener.class);

    private final VerdictMetrics metrics;
    private final Clock clock;
    private final EventCodec codec = EventCodec.standard();

    VerdictMetricsListener(VerdictMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.VERDICTS, containerFactory = "verdictMetricsListenerFactory",
            groupId = "${reconciliation.metrics.verdicts.group-id:reconciliation-service.verdict-metrics}",
            autoStartup = "${reconciliation.metrics.verdicts.enabled:true}",
            properties = {"auto.offset.reset=latest", "isolation.level=read_committed"})
    void onVerdict(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            VerdictTally verdict = VerdictTally.read(codec.mapper(), record.value());
            if (verdict != null) {
                metrics.record(verdict, clock.instant());
            }
        } catch (RuntimeException e) {
            log.debug("not counting an unreadable verdict at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }
}
