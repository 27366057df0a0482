package dev.parallelrun.participant;

/**
 * The JVM's common fork-join pool, which {@code CompletableFuture}'s async methods use when given no executor. With a
 * parallelism of 1 (what the JDK picks on one or two cores) {@code CompletableFuture} uses no pool at all and starts a
 * new thread for every task. The JDK's {@code HttpClient.sendAsync}, which Spring's {@code JdkClientHttpRequestFactory}
 * calls for every request, hands each answer over that way: on two cores the legacy adapter started a thread for every
 * legacy call (the local platform, with its traffic generator, about 140 a second at 80 intents/s).
 */
public final class CommonPool {

    /** The JDK's system property for the common pool's parallelism. */
    public static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    /**
     * Gives the common pool two threads where the JDK would give it one, unless the parallelism is configured. Call it
     * first in {@code main}, before anything uses the pool or {@code CompletableFuture}: both read the property once.
     */
    public static void atLeastTwoThreads() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
    }
}
