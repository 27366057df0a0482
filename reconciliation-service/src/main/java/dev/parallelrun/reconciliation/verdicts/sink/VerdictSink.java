package dev.parallelrun.reconciliation.verdicts.sink;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.sink.VerdictBatchWriter.Item;
import dev.parallelrun.reconciliation.verdicts.sink.VerdictBatchWriter.Refused;
import dev.parallelrun.reconciliation.verdicts.sink.VerdictBatchWriter.Written;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Writes verdicts from {@code reconciliation.verdicts.v1} (read committed) to PostgreSQL in batches.
 * The write happens here, not inside the stream processor, because Streams' exactly-once does not
 * cover a database; idempotent inserts make redelivery and replay harmless.
 *
 * <p>A bad record fails nothing but itself: a record that is not a verdict, and a verdict PostgreSQL
 * refuses (isolated by {@link VerdictBatchWriter}), go to {@code reconciliation.verdicts.v1.dlq} one by one
 * with the reason, the rest of the batch is stored, then the batch is committed. A dead letter the broker
 * does not acknowledge fails the batch instead, so its offset is not committed.
 *
 * <p>A database that cannot take verdicts at all fails the batch without dead-lettering anything: the error
 * handler keeps the consumer paused and in its group and calls again after a bounded backoff, for as long as
 * the outage lasts (see {@code VerdictSinkConfig}).
 */
@Component
class VerdictSink {

    static final String LISTENER_ID = "verdict-sink";
    static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.VERDICTS);
    private static final LogAccessor LOG = new LogAccessor(VerdictSink.class);

    private final VerdictBatchWriter writer;
    private final ConsumerAwareRecordRecoverer deadLetters;
    private final EventCodec codec = EventCodec.standard();
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer writeLatency;
    private final Counter deadLettered;

    VerdictSink(VerdictBatchWriter writer, ConsumerAwareRecordRecoverer deadLetters, MeterRegistry registry) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("reconciliation.verdict.sink.batch.size")
                .description("Verdicts per write to PostgreSQL").publishPercentileHistogram().register(registry);
        this.writeLatency = Timer.builder("reconciliation.verdict.sink.write")
                .description("Time to write one batch of verdicts").publishPercentileHistogram().register(registry);
        this.deadLettered = Counter.builder("reconciliation.dead.lettered").tag("topic", DEAD_LETTER_TOPIC)
                .description("Records the correlation sent to a dead-letter topic").register(registry);
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.VERDICTS, containerFactory = "verdictListenerFactory",
            idIsGroup = false, batch = "true")
    void onVerdicts(List<ConsumerRecord<String, CloudEvent>> records, Consumer<?, ?> consumer) {
        List<Item<ConsumerRecord<String, CloudEvent>>> verdicts = new ArrayList<>(records.size());
        List<Refused<ConsumerRecord<String, CloudEvent>>> refused = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            try {
                verdicts.add(new Item<>(record, verdict(record)));
            } catch (RuntimeException e) {
                refused.add(new Refused<>(record, e));
            }
        }
        Written<ConsumerRecord<String, CloudEvent>> written = write(verdicts);
        refused.addAll(written.refused());
        for (Refused<ConsumerRecord<String, CloudEvent>> bad : refused) {
            ConsumerRecord<String, CloudEvent> record = bad.source();
            LOG.warn(() -> "dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + StoreFailures.reason(bad.failure()));
            // waits for the broker's acknowledgement and throws without it: the batch is then not committed
            deadLetters.accept(record, consumer, bad.failure());
            deadLettered.increment();
        }
        count(written.stored());
    }

    private Verdict verdict(ConsumerRecord<String, CloudEvent> record) {
        DeserializationException poison = SerializationUtils.getExceptionFromHeader(record,
                KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
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
                || verdict.correlationId() == null || verdict.context() == null || verdict.outcomeType() == null
                || verdict.decidedAt() == null) {
            throw new MalformedEventException(
                    "verdict lacks verdictId, classification, severity, correlationId, context, outcomeType or decidedAt");
        }
        requireUuid("verdictId", verdict.verdictId());
        if (verdict.supersedes() != null) {
            requireUuid("supersedes", verdict.supersedes());
        }
        return verdict;
    }

    private static void requireUuid(String field, String value) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("verdict " + field + " is not a UUID: " + value);
        }
    }

    private Written<ConsumerRecord<String, CloudEvent>> write(List<Item<ConsumerRecord<String, CloudEvent>>> verdicts) {
        if (verdicts.isEmpty()) {
            return new Written<>(List.of(), List.of());
        }
        Written<ConsumerRecord<String, CloudEvent>> written = writeLatency.record(() -> writer.write(verdicts));
        batchSize.record(verdicts.size());
        return written;
    }

    private void count(List<Verdict> stored) {
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
