package dev.parallelrun.participant;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a fixed pool of threads, the tasks of one key one after another in the order submitted, tasks of
 * different keys at the same time: a key waits only for its own earlier tasks, never for a slow task of another key.
 */
final class KeyedLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyedLanes.class);

    private final ExecutorService pool;
    /** Per key, its last task submitted and not yet done: the next one of the key runs after it. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    KeyedLanes(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task after the key's earlier tasks; a task that throws is logged and does not stop its key. */
    void submit(String key, Runnable task) {
        String lane = key == null ? "" : key;
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("A task of lane {} failed", lane, e);
            }
        };
        CompletableFuture<Void> next = tails.compute(lane, (k, tail) -> tail == null
                ? CompletableFuture.runAsync(guarded, pool)
                // a tail that could not even start (the pool stopped) must not keep its key's later tasks from trying
                : tail.exceptionally(failure -> null).thenRunAsync(guarded, pool));
        // outside compute: the future may be done already, and the removal must not run inside the map's update
        next.whenComplete((done, failure) -> tails.remove(lane, next));
    }

    /**
     * Lets the tasks queued and running finish for at most the grace, then interrupts them; no task is taken after.
     *
     * @return whether every running task finished within the grace
     */
    boolean stop(long graceMillis) throws InterruptedException {
        pool.shutdown();
        boolean finished = pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        pool.shutdownNow();
        return finished;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
