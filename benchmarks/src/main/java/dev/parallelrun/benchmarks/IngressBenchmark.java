package dev.parallelrun.benchmarks;

import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Target 5 of the performance issue: the ingress's request rate against a bare Spring MVC endpoint's on the same
 * machine.
 *
 * <p>A fresh broker and PostgreSQL (the local platform's own); ingress-service as its own process (its executable
 * jar, local profile, the channel rate limit lifted) and {@link BareEndpoint} as another, with the same heap. For
 * each number of connections, the same closed-loop load ({@link HttpLoad}) posts {@code ClaimSubmitted} intents to
 * each: the same body (its claimant one of 10,000 data subjects), a fresh {@code Idempotency-Key} per request. The
 * ingress answers 202 only after the broker acknowledged with {@code acks=all} and the idempotency record, the
 * correlation claim and the subject's key are in PostgreSQL; the bare endpoint answers 202 at once. The ratio is
 * ingress 202s per second over bare 202s per second. At the end the intents on {@code intents.claims.v1} are counted:
 * exactly one per 202 the ingress gave (nothing lost, nothing twice).
 */
final class IngressBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String INTENT_PATH = "/api/v1/intents/ClaimSubmitted";

    record Options(List<Integer> connections, Duration warmup, Duration duration, String heap, Path jar,
            List<String> jvmArgs, List<String> serviceArgs, boolean keep) {
    }

    /** One number of connections, both endpoints. */
    record Result(int connections, HttpLoad.Result bare, HttpLoad.Result ingress, double bareCpuSeconds,
            double ingressCpuSeconds) {

        double ratio() {
            return ingress.count(202) / ingress.seconds() / (bare.count(202) / bare.seconds());
        }
    }

    private final Options options;

    private IngressBenchmark(Options options) {
        this.options = options;
    }

    static void main(String[] argv) throws Exception {
        CommandLine line = CommandLine.parse(argv, Set.of("keep"));
        Map<String, String> args = line.options();
        List<String> jvmArgs = line.jvmArgs();
        List<String> serviceArgs = line.serviceArgs();
        List<Integer> connections = Stream.of(args.getOrDefault("connections", "16,64").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Path jar = args.containsKey("jar") ? Path.of(args.get("jar")) : ServiceProcess.executableJar("ingress-service");
        Options options = new Options(connections, Duration.parse("PT" + args.getOrDefault("warmup", "120s")),
                Duration.parse("PT" + args.getOrDefault("duration", "20s")), args.getOrDefault("heap", "512m"), jar,
                jvmArgs, serviceArgs, Boolean.parseBoolean(args.get("keep")));
        new IngressBenchmark(options).run();
    }

    private void run() throws Exception {
        OUT.printf("ingress benchmark: %s connections, %d s warm-up + %d s measured each, heap %s, %d cores%n",
                options.connections(), options.warmup().toSeconds(), options.duration().toSeconds(), options.heap(),
                Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("parallelrun-bench-ingress-");
        List<Result> results = new ArrayList<>();
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.heap()));
        jvm.addAll(options.jvmArgs());
        try (Infrastructure infra = Infrastructure.start(dir)) {
            List<String> args = new ArrayList<>(List.of("--spring.profiles.active=local", "--spring.main.banner-mode=off",
                    "--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                    "--spring.datasource.url=" + infra.jdbcUrl(), "--spring.datasource.username=" + infra.dbUser(),
                    "--spring.datasource.password=" + infra.dbPassword(),
                    // the channel's token bucket would measure itself: lifted far beyond what one machine sends
                    "--ingress.rate-limit.requests-per-second=1000000", "--ingress.rate-limit.burst=1000000"));
            args.addAll(options.serviceArgs());
            try (ServiceProcess ingress = ServiceProcess.start(options.jar(), jvm, args, Infrastructure.freePort(),
                    dir.resolve("ingress.log"));
                    ServiceProcess bare = ServiceProcess.startMain(BareEndpoint.class, jvm, List.of(),
                            Infrastructure.freePort(), dir.resolve("bare.log"))) {
                OUT.printf("   ingress-service pid %d (log %s), bare endpoint pid %d (log %s)%n", ingress.pid(),
                        dir.resolve("ingress.log"), bare.pid(), dir.resolve("bare.log"));
                bare.awaitHealthy("UP", Duration.ofMinutes(2));
                ingress.awaitHealthy("\"status\":\"UP\"", Duration.ofMinutes(4));
                long accepted = 0;
                for (int connections : options.connections()) {
                    OUT.printf("%n== %d connections%n", connections);
                    Measured bareRun = measure("bare endpoint", bare, connections);
                    Measured ingressRun = measure("ingress", ingress, connections);
                    accepted += ingressRun.accepted();
                    results.add(new Result(connections, bareRun.result(), ingressRun.result(), bareRun.cpuSeconds(),
                            ingressRun.cpuSeconds()));
                }
                long published = published(infra);
                print(results);
                for (Result result : results) {
                    if (result.bare().count(202) == 0 || result.ingress().count(202) == 0) {
                        throw new IllegalStateException("no 202 at " + result.connections() + " connections: bare "
                                + result.bare().statuses() + ", ingress " + result.ingress().statuses());
                    }
                }
                OUT.printf("%nintents on %s: %d, 202s the ingress gave (warm-ups included): %d -> %s%n",
                        Topics.intents("claims"), published, accepted,
                        published == accepted ? "one intent per 202, none lost, none twice" : "MISMATCH");
                if (published != accepted) {
                    throw new IllegalStateException("the ingress acknowledged " + accepted + " intents but "
                            + published + " are on the topic");
                }
            }
        } finally {
            if (!options.keep()) {
                delete(dir);
            }
        }
    }

    /**
     * One endpoint at one number of connections: the measured run, the 202s of warm-up and measured run together, and
     * the CPU its process spent in the measured run.
     */
    private record Measured(HttpLoad.Result result, long accepted, double cpuSeconds) {
    }

    private Measured measure(String name, ServiceProcess service, int connections) throws Exception {
        LongFunction<HttpRequest> requests = requests(service.uri(INTENT_PATH), Long.toString(System.nanoTime(), 36));
        HttpLoad load = new HttpLoad(connections);
        try {
            OUT.printf("   %s: %d s warm-up, %d s measured... ", name, options.warmup().toSeconds(),
                    options.duration().toSeconds());
            HttpLoad.Result warm = load.run(requests, options.warmup());
            long cpuBefore = service.cpuMillis();
            HttpLoad.Result result = load.run(requests, options.duration());
            double cpu = (service.cpuMillis() - cpuBefore) / 1000.0;
            OUT.printf("%.0f req/s (statuses %s)%n", result.rate(), result.statuses());
            return new Measured(result, warm.count(202) + result.count(202), cpu);
        } finally {
            load.close();
        }
    }

    /** The n-th request of a run: a valid claim, its own idempotency key, the local profile's channel key. */
    private static LongFunction<HttpRequest> requests(URI uri, String run) {
        String incidentDate = LocalDate.now().minusDays(3).toString();
        return n -> {
            long subject = n % 10_000;
            String body = "{\"claimId\":\"CLM-B" + run + "-" + n + "\",\"policyId\":\"POL-" + (1000 + n % 9000)
                    + "\",\"productLine\":\"motor\",\"region\":\"DE\",\"claimedAmount\":" + (200 + n % 3000)
                    + ".45,\"currency\":\"EUR\",\"incidentDate\":\"" + incidentDate
                    + "\",\"description\":\"rear-end collision\",\"claimant\":{\"name\":\"Claimant " + subject
                    + "\",\"email\":\"claimant" + subject + "@example.org\"}}";
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Api-Key", "local-dev-key")
                    .header(Headers.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        };
    }

    /** The records on the claims intent topic (its end offsets: nothing else writes it here). */
    private static long published(Infrastructure infra) throws Exception {
        try (Admin admin = infra.admin()) {
            var partitions = admin.describeTopics(List.of(Topics.intents("claims"))).allTopicNames().get()
                    .get(Topics.intents("claims")).partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(Topics.intents("claims"), p.partition()),
                    OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static void print(List<Result> results) {
        OUT.printf("%n%-11s | %12s | %14s | %6s | %18s | %18s | %17s | %s%n", "connections", "bare req/s",
                "ingress req/s", "ratio", "bare p50/p99 ms", "ingress p50/p99 ms", "CPU µs/req b/i", "ingress non-202");
        for (Result r : results) {
            Map<Integer, Long> other = new HashMap<>(r.ingress().statuses());
            other.remove(202);
            OUT.printf("%-11d | %12.0f | %14.0f | %6.2f | %18s | %18s | %17s | %s%n", r.connections(),
                    r.bare().count(202) / r.bare().seconds(), r.ingress().count(202) / r.ingress().seconds(), r.ratio(),
                    millis(r.bare()), millis(r.ingress()),
                    "%.0f / %.0f".formatted(perRequest(r.bareCpuSeconds(), r.bare()),
                            perRequest(r.ingressCpuSeconds(), r.ingress())),
                    other.isEmpty() ? "none" : other);
        }
    }

    private static String millis(HttpLoad.Result r) {
        return "%.1f / %.1f".formatted(r.p50() / 1000.0, r.p99() / 1000.0);
    }

    /** The process's CPU in the measured run per request answered in it. */
    private static double perRequest(double cpuSeconds, HttpLoad.Result r) {
        return r.requests() == 0 ? 0 : cpuSeconds * 1e6 / r.requests();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
