package dev.parallelrun.adapter.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.adapter.shared.domain.UnreadableLegacyAnswerException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

class FailureKindTest {

    @Test
    void retriesAnAnswerWhoseBodyTimedOutWhileBeingRead() {
        var failure = new RestClientException("Error while extracting response for type [byte[]]",
                new SocketTimeoutException("Read timed out"));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.TIMEOUT);
        assertThat(FailureKind.of(failure).retryable()).isTrue();
    }

    @Test
    void retriesAnAnswerWhoseConnectionBrokeWhileBeingRead() {
        var failure = new RestClientException("Error while extracting response for type [byte[]]",
                new IOException("connection reset"));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.CONNECTION);
        assertThat(FailureKind.of(failure).retryable()).isTrue();
    }

    @Test
    void retriesAConnectTimeoutAsATimeout() {
        var failure = new ResourceAccessException("I/O error", new ConnectTimeoutException("Connect to legacy timed out"));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.TIMEOUT);
        assertThat(FailureKind.of(failure).retryable()).isTrue();
    }

    @Test
    void retriesARefusedConnection() {
        assertThat(FailureKind.of(new ResourceAccessException("I/O error", new java.net.ConnectException("refused"))))
                .isEqualTo(FailureKind.CONNECTION);
    }

    @Test
    void doesNotRetryAnAnswerItCannotUnderstand() {
        var failure = new UnreadableLegacyAnswerException("STATUS is missing");

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.UNREADABLE);
        assertThat(FailureKind.of(failure).retryable()).isFalse();
    }
}
