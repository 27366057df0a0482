package dev.parallelrun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    @Test
    void letsEachClientBurstUpToItsCapacityThenSaysHowLongToWait() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, Duration.ofMinutes(1), 100);

        assertThat(limiter.tryAcquire("portal")).isEmpty();
        assertThat(limiter.tryAcquire("portal")).isEmpty();
        assertThat(limiter.tryAcquire("portal")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(limiter.tryAcquire("call-centre")).as("another client has a bucket of its own").isEmpty();
    }

    @Test
    void checksWithoutTakingAToken() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, Duration.ofMinutes(1), 100);

        assertThat(limiter.check("10.0.0.1")).isEmpty();
        assertThat(limiter.check("10.0.0.1")).isEmpty();
        limiter.tryAcquire("10.0.0.1");
        assertThat(limiter.check("10.0.0.1")).isPresent();
    }

    @Test
    void roundsRetryAfterUpToWholeSeconds() {
        assertThat(ClientRateLimiter.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ClientRateLimiter.retryAfterSeconds(Duration.ofMillis(2500))).isEqualTo(3);
        assertThat(ClientRateLimiter.retryAfterSeconds(Duration.ofSeconds(4))).isEqualTo(4);
    }
}
