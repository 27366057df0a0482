package dev.parallelrun.participant;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The one dead-letter path of a participant: a record goes to {@code <topic>.dlq}, same partition, with the reason in
 * {@link Headers#DLQ_REASON} ({@link DeadLetterReason#of}) and where it came from in
 * {@link Headers#DLQ_ORIGINAL_TOPIC}, {@link Headers#DLQ_ORIGINAL_PARTITION} and {@link Headers#DLQ_ORIGINAL_OFFSET}.
 * A dead letter the broker does not acknowledge fails, so the record is not committed but tried again. An
 * infrastructure failure is refused: it is never the record's fault.
 */
public final class DeadLetters implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final ParticipantMetrics metrics;

    DeadLetters(KafkaOperations<?, ?> kafka, ParticipantProperties properties, ParticipantMetrics metrics) {
        this.metrics = metrics;
        this.recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setThrowIfNoDestinationReturned(true);
        recoverer.setWaitForSendResultTimeout(properties.publishTimeout());
        recoverer.setHeadersFunction(DeadLetters::headers);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        if (DeadLetterReason.isInfrastructureFailure(failure)) {
            // the error handler's backoff never ends for these; this only guards a classification that changed mid-way
            throw new IllegalStateException("not dead-lettering " + where(record) + ": an infrastructure failure, "
                    + "not a bad record; it will be redelivered", failure);
        }
        log.warn("Dead-lettering {}: {}", where(record), DeadLetterReason.of(failure));
        recoverer.accept(record, failure);
        metrics.deadLettered();
    }

    static RecordHeaders headers(ConsumerRecord<?, ?> record, Exception failure) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.DLQ_REASON, utf8(DeadLetterReason.of(failure)));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(Headers.DLQ_ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        headers.add(Headers.DLQ_ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        return headers;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
