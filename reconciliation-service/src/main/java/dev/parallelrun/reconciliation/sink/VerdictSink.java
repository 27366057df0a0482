package dev.parallelrun.reconciliation.sink;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.persistence.VerdictStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Writes verdicts from {@code reconciliation.verdicts.v1} (read committed) to PostgreSQL in batches.
 * The write happens here, not inside the stream processor, because Streams' exactly-once does not
 * cover a database; idempotent inserts make redelivery and replay harmless.
 *
 * <p>A record that is not a verdict fails the batch at its index: the records before it are stored
 * and committed, it goes to the dead-letter topic, the rest is redelivered.
 */
@Component
class VerdictSink {

    static final String LISTENER_ID = "verdict-sink";
    private static final LogAccessor LOG = new LogAccessor(VerdictSink.class);

    private final VerdictStore store;
    private final EventCodec codec = EventCodec.standard();
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer writeLatency;

    VerdictSink(VerdictStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("reconciliation.verdict.sink.batch.size")
                .description("Verdicts per write to PostgreSQL").publishPercentileHistogram().register(registry);
        this.writeLatency = Timer.builder("reconciliation.verdict.sink.write")
                .description("Time to write one batch of verdicts").publishPercentileHistogram().register(registry);
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.VERDICTS, containerFactory = "verdictListenerFactory",
            idIsGroup = false, batch = "true")
    void onVerdicts(List<ConsumerRecord<String, CloudEvent>> records) {
        List<Verdict> verdicts = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                verdicts.add(verdict(records.get(i)));
            } catch (RuntimeException e) {
                write(verdicts);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        write(verdicts);
    }

    private Verdict verdict(ConsumerRecord<String, CloudEvent> record) {
        DeserializationException poison = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (poison != null) {
            throw poison;
        }
        CloudEvent event = record.value();
        if (event == null) {
            throw new MalformedEventException("empty record: expected a verdict event");
        }
        if (!Verdict.EVENT_TYPE.equals(event.type())) {
            throw new MalformedEventException("expected a " + Verdict.EVENT_TYPE + " event but got " + event.type());
        }
        Verdict verdict = codec.data(event.data(), Verdict.class);
        if (verdict.verdictId() == null || verdict.classification() == null || verdict.severity() == null
                || verdict.correlationId() == null || verdict.decidedAt() == null) {
            throw new MalformedEventException("verdict lacks verdictId, classification, severity, correlationId or decidedAt");
        }
        return verdict;
    }

    private void write(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        List<Verdict> stored = writeLatency.record(() -> store.saveAll(verdicts));
        batchSize.record(verdicts.size());
        Instant now = Instant.now();
        for (Verdict verdict : stored) {
            Counter.builder("reconciliation.verdicts")
                    .description("Verdicts stored, by classification and severity")
                    .tag("context", verdict.context()).tag("outcome_type", verdict.outcomeType())
                    .tag("classification", verdict.classification().name()).tag("severity", verdict.severity().name())
                    .register(registry).increment();
            Timer.builder("reconciliation.verdict.store.delay")
                    .description("From the verdict's decision to its being stored")
                    .publishPercentileHistogram().register(registry)
                    .record(Duration.between(verdict.decidedAt(), now).abs());
        }
    }
}
