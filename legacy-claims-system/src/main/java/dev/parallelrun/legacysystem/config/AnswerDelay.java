package dev.parallelrun.legacysystem.config;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** When the stand-in hands back an answer it has already made: after its configured latency, without blocking. */
public final class AnswerDelay {

    private AnswerDelay() {
    }

    /**
     * An executor that runs its task once the delay is over, on the JDK's delay thread itself: the task only completes
     * an answer. Not the default async executor, which on fewer than three cores starts a thread for every task.
     */
    public static Executor after(Duration delay) {
        return delay.isZero() ? Runnable::run
                : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, Runnable::run);
    }
}
