package dev.parallelrun.reconciliation.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void runsAtOnceAndAgainAfterAFailedRunUntilStopped() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test-task", Duration.ofMillis(10)) {
            @Override
            protected void runOnce() {
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("the first run fails");
                }
            }
        };

        task.start();
        task.start();
        assertThat(task.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        task.stop();

        assertThat(task.isRunning()).isFalse();
        int afterStop = runs.get();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() <= afterStop + 1);
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new PeriodicTask("zero", Duration.ZERO) {
            @Override
            protected void runOnce() {
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
    }
}
