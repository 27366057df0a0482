package dev.parallelrun.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP load: {@code connections} senders, each posting its next request as soon as the previous one is
 * answered (keep-alive HTTP/1.1 connections), for a given time. Every request is built from a sequence number global
 * to this load, so each one can carry its own idempotency key.
 */
final class HttpLoad {

    /** What one measurement came to; latencies in microseconds. */
    record Result(long requests, double seconds, Map<Integer, Long> statuses, long p50, long p99, long max) {

        double rate() {
            return requests / seconds;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private final HttpClient http;
    private final ExecutorService senders;
    private final ExecutorService client = Executors.newFixedThreadPool(2);
    private final int connections;
    private final AtomicLong sequence = new AtomicLong();

    HttpLoad(int connections) {
        this.connections = connections;
        this.senders = Executors.newFixedThreadPool(connections);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(client).build();
    }

    /** Sends for {@code measured}; every answer (any status) counts as a request, an I/O failure as status -1. */
    Result run(LongFunction<HttpRequest> request, Duration measured) throws Exception {
        long start = System.nanoTime();
        long end = start + measured.toNanos();
        List<Future<Sender>> futures = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            futures.add(senders.submit(() -> new Sender().send(request, end)));
        }
        List<Sender> done = new ArrayList<>();
        for (Future<Sender> future : futures) {
            done.add(future.get());
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        long[] latencies = new long[done.stream().mapToInt(s -> s.count).sum()];
        int at = 0;
        for (Sender sender : done) {
            sender.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            System.arraycopy(sender.latencies, 0, latencies, at, sender.count);
            at += sender.count;
        }
        Arrays.sort(latencies);
        double seconds = measured.toNanos() / 1e9;
        if (latencies.length == 0) {
            return new Result(0, seconds, statuses, 0, 0, 0);
        }
        return new Result(latencies.length, seconds, statuses, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies[latencies.length - 1]);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** One connection's loop. */
    private final class Sender {
        private long[] latencies = new long[1024];
        private int count;
        private final Map<Integer, Long> statuses = new TreeMap<>();

        Sender send(LongFunction<HttpRequest> request, long end) throws InterruptedException {
            long now;
            while ((now = System.nanoTime()) < end) {
                HttpRequest next = request.apply(sequence.getAndIncrement());
                int status;
                try {
                    status = http.send(next, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = (System.nanoTime() - now) / 1000;
                statuses.merge(status, 1L, Long::sum);
            }
            return this;
        }
    }

    /** Stops the senders (the client's connections close with it). */
    void close() {
        senders.shutdownNow();
        client.shutdownNow();
    }
}
