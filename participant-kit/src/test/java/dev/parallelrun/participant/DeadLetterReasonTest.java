package dev.parallelrun.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.MalformedEventException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

class DeadLetterReasonTest {

    @Test
    void namesWhatIsWrongWithAnUnreadableRecord() {
        var failure = new DeserializationException("failed to deserialize", new byte[] {1}, false,
                new MalformedEventException("not a valid CloudEvents JSON object: Unrecognized token"));

        assertThat(DeadLetterReason.of(failure)).isEqualTo("not a valid CloudEvents JSON object: Unrecognized token");
    }

    @Test
    void namesWhatIsWrongWithARecordTheListenerRefused() {
        var failure = new ListenerExecutionFailedException("Listener failed",
                new MalformedEventException("expected an intent of type claims.ClaimSubmitted.v1 but got x",
                        new IllegalArgumentException("detail")));

        assertThat(DeadLetterReason.of(failure)).isEqualTo("expected an intent of type claims.ClaimSubmitted.v1 but got x");
    }

    @Test
    void fallsBackToTheRootCause() {
        var failure = new ListenerExecutionFailedException("Listener failed", new IllegalStateException("boom"));

        assertThat(DeadLetterReason.of(failure)).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void boundsTheReasonsLength() {
        String reason = DeadLetterReason.of(new MalformedEventException("x".repeat(5000)));

        assertThat(reason).hasSize(DeadLetterReason.MAX_LENGTH);
    }

    @Test
    void blamesTheInfrastructureNotTheRecordForDatabaseAndBrokerOutages() {
        assertThat(DeadLetterReason.isInfrastructureFailure(new ListenerExecutionFailedException("Listener failed",
                new OutcomeNotPublishedException("not acknowledged", new RuntimeException())))).isTrue();
        assertThat(DeadLetterReason.isInfrastructureFailure(
                new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DeadLetterReason.isInfrastructureFailure(
                new CannotGetJdbcConnectionException("no connection"))).isTrue();
        // the batch listener reports a record's failure wrapped twice
        assertThat(DeadLetterReason.isInfrastructureFailure(new ListenerExecutionFailedException("Listener failed",
                new BatchListenerFailedException("intent failed", new CannotGetJdbcConnectionException("refused"), 3))))
                .isTrue();
    }

    @Test
    void blamesTheInfrastructureForADeadLetterTheBrokerDidNotTake() {
        assertThat(DeadLetterReason.isInfrastructureFailure(new KafkaException("Dead-letter publication failed",
                new org.apache.kafka.common.errors.TimeoutException("expired")))).isTrue();
    }

    @Test
    void backsOffFromAnInfrastructureFailureWithoutEverGivingUp() {
        BackOffExecution execution = ParticipantAutoConfiguration.untilBack(new ParticipantProperties.Retry(2, Duration.ofMillis(100),
                2.0, Duration.ofSeconds(1))).start();

        long last = 0;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(1000);
    }

    @Test
    void blamesTheRecordOtherwise() {
        assertThat(DeadLetterReason.isInfrastructureFailure(new MalformedEventException("bad"))).isFalse();
        assertThat(DeadLetterReason.isInfrastructureFailure(new DataIntegrityViolationException("bad value"))).isFalse();
        assertThat(DeadLetterReason.isInfrastructureFailure(new IllegalStateException("a bug"))).isFalse();
    }
}
