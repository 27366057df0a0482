package dev.parallelrun.reconciliation.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetteringExceptionHandlerTest {

    private final DeadLetteringExceptionHandler handler = new DeadLetteringExceptionHandler();

    @Test
    void deadLettersTheSourceOutcomeOfAFailedProcessingWithTheReasonAndResumes() {
        var response = handler.handleError(context(Topics.OUTCOMES_SHADOW), new Record<>("corr-1", new byte[0], 1L),
                new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topics.deadLetter(Topics.OUTCOMES_SHADOW));
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("corr-1");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"the\":\"outcome\"}");
            assertThat(header(dead, Headers.DLQ_REASON)).isEqualTo("processing failed: IllegalStateException: boom");
            assertThat(header(dead, Headers.DLQ_ORIGINAL_OFFSET)).isEqualTo("42");
        });
    }

    @Test
    void deadLettersTheSourceOutcomeOfAVerdictTheProducerRefusesAndResumes() {
        var verdict = new ProducerRecord<>(Topics.VERDICTS, "corr-1".getBytes(StandardCharsets.UTF_8), new byte[10]);

        var response = handler.handleError(context(Topics.OUTCOMES_LEGACY), verdict,
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(dead -> assertThat(header(dead, Headers.DLQ_REASON))
                        .isEqualTo("producing to reconciliation.verdicts.v1 failed: RecordTooLargeException: too large"));
    }

    @Test
    void skipsAnIntentItCannotProcessWithoutDeadLetteringIt() {
        var response = handler.handleError(context(Topics.intents("claims")), new Record<>("corr-1", new byte[0], 1L),
                new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 2;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public org.apache.kafka.common.header.Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "pair-correlator";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            @Override
            public long timestamp() {
                return 1L;
            }

            @Override
            public byte[] sourceRawKey() {
                return "corr-1".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return "{\"the\":\"outcome\"}".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
