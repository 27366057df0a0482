package dev.parallelrun.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.adapter.claims.application.OutcomeNotPublishedException;
import dev.parallelrun.events.MalformedEventException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class DeadLetterReasonTest {

    @Test
    void blamesTheInfrastructureNotTheRecordForDatabaseAndBrokerOutages() {
        assertThat(DeadLetterReason.isInfrastructureFailure(new ListenerExecutionFailedException("Listener failed",
                new BatchListenerFailedException("intent failed", new CannotGetJdbcConnectionException("refused"), 3))))
                .isTrue();
        assertThat(DeadLetterReason.isInfrastructureFailure(
                new OutcomeNotPublishedException("not acknowledged", new RuntimeException()))).isTrue();
        // a dead letter the broker did not take: the record is fine, the broker is not
        assertThat(DeadLetterReason.isInfrastructureFailure(new KafkaException("Dead-letter publication failed",
                new org.apache.kafka.common.errors.TimeoutException("expired")))).isTrue();
    }

    @Test
    void blamesTheRecordOtherwise() {
        assertThat(DeadLetterReason.isInfrastructureFailure(new MalformedEventException("bad"))).isFalse();
        assertThat(DeadLetterReason.isInfrastructureFailure(new DataIntegrityViolationException("bad value"))).isFalse();
        assertThat(DeadLetterReason.isInfrastructureFailure(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void backsOffFromAnInfrastructureFailureWithoutEverGivingUp() {
        BackOffExecution execution = KafkaConfiguration.untilBack(new LegacyAdapterProperties.Retry(2,
                Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))).start();

        long last = 0;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(1000);
    }

    @Test
    void namesWhatIsWrongWithTheRecord() {
        assertThat(DeadLetterReason.of(new ListenerExecutionFailedException("Listener failed",
                new MalformedEventException("expected an intent")))).isEqualTo("expected an intent");
    }
}
