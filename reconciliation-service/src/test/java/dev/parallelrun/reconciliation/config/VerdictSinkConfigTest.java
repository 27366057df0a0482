package dev.parallelrun.reconciliation.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.Headers;
import dev.parallelrun.events.MalformedEventException;
import dev.parallelrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class VerdictSinkConfigTest {

    @Test
    void declaresTheVerdictDeadLetterTopicWithAsManyPartitionsAsTheVerdictTopic() {
        ReconciliationProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("reconciliation.topics.partitions", "12"))).bindOrCreate("reconciliation", ReconciliationProperties.class);

        Map<String, Integer> partitions = java.util.Arrays.stream(ReconciliationTopicsConfig.declare(properties.topics()))
                .collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions));

        assertThat(partitions.get(Topics.deadLetter(Topics.VERDICTS))).isGreaterThanOrEqualTo(partitions.get(Topics.VERDICTS))
                .isEqualTo(12);
    }

    @Test
    void namesTheReasonAndTheOriginOfADeadLetter() {
        var record = new ConsumerRecord<>(Topics.VERDICTS, 2, 41L, "key", "value");

        var headers = VerdictSinkConfig.deadLetterHeaders(record, new MalformedEventException("empty record: expected a verdict event"));

        assertThat(text(headers.lastHeader(Headers.DLQ_REASON).value())).isEqualTo("empty record: expected a verdict event");
        assertThat(text(headers.lastHeader(Headers.DLQ_ORIGINAL_TOPIC).value())).isEqualTo(Topics.VERDICTS);
        assertThat(text(headers.lastHeader(Headers.DLQ_ORIGINAL_PARTITION).value())).isEqualTo("2");
        assertThat(text(headers.lastHeader(Headers.DLQ_ORIGINAL_OFFSET).value())).isEqualTo("41");
    }

    @Test
    void backsOffFromHalfASecondToAtMostThirtySecondsByDefault() {
        ReconciliationProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("reconciliation", ReconciliationProperties.class);

        assertThat(properties.sink().retry().initialBackoff()).hasMillis(500);
        assertThat(properties.sink().retry().maxBackoff()).hasSeconds(30);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
