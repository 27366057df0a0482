package dev.parallelrun.reconciliation.correlation;

import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line behind {@link PairCorrelator}'s own dead-lettering: whatever still fails on a record
 * (deserialization, an exception thrown out of the processor, a verdict the producer refuses, such as
 * one over {@code max.request.size}) sends the source record to its dead-letter topic with the reason,
 * inside the same transaction, and processing resumes. Without it, one such record fails the task, the
 * transaction aborts, and the same record is read again, forever.
 *
 * <p>An intent (reconciliation only reads intents to expect outcomes; the participants dead-letter bad
 * ones) and a failure in a punctuation have no outcome record to dead-letter: they are logged and skipped.
 */
public final class DeadLetteringExceptionHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetteringExceptionHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(deadLetters(context, "deserialization", exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        return ProcessingExceptionHandler.Response.resume(deadLetters(context, "processing", exception));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
            ProducerRecord<byte[], byte[]> record, Exception exception) {
        return ProductionExceptionHandler.Response.resume(deadLetters(context, "producing to " + record.topic(), exception));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(deadLetters(context, "serializing for " + record.topic(), exception));
    }

    /** The dead letter for the source record of a failure, or none when there is no outcome record to keep. */
    static List<ProducerRecord<byte[], byte[]>> deadLetters(ErrorHandlerContext context, String stage, Exception exception) {
        String reason = stage + " failed: " + PairCorrelator.reason(exception);
        String topic = context == null ? null : context.topic();
        if (topic == null || !(Topics.OUTCOMES_LEGACY.equals(topic) || Topics.OUTCOMES_SHADOW.equals(topic))
                || context.sourceRawValue() == null) {
            log.error("skipping a record of {} after {}", topic, reason, exception);
            return List.of();
        }
        log.warn("dead-lettering {}-{}@{}: {}", topic, context.partition(), context.offset(), reason, exception);
        RecordHeaders headers = new RecordHeaders(context.headers() == null ? new org.apache.kafka.common.header.Header[0]
                : context.headers().toArray());
        headers.add(Headers.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_PARTITION, Integer.toString(context.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DLQ_ORIGINAL_OFFSET, Long.toString(context.offset()).getBytes(StandardCharsets.UTF_8));
        return List.of(new ProducerRecord<>(Topics.deadLetter(topic), null, context.sourceRawKey(),
                context.sourceRawValue(), headers));
    }
}
