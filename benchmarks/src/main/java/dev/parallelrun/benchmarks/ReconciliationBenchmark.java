package dev.parallelrun.benchmarks;

import dev.parallelrun.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Target 1 of the performance issue: reconciliation against the raw Kafka + PostgreSQL limit, in one run.
 *
 * <p>For each N: a fresh broker and PostgreSQL (the local platform's own), reconciliation-service as its own process
 * (its executable jar). N contract-shaped outcome pairs are flooded onto {@code outcomes.legacy.v1} /
 * {@code outcomes.shadow.v1}; the clock stops when every verdict is committed in PostgreSQL (the correlation and the
 * verdict sink have committed the ends of their topics and the verdict table holds N current verdicts, each of the
 * class its pair was built to have). Then, on the same broker and database, the raw sequential work the pipeline
 * cannot avoid: produce the same 2N outcomes, read them back once, COPY the same N verdict rows into a table like
 * the verdict table (its indexes included). The ratio is pipeline pairs/s over raw pairs/s.
 */
final class ReconciliationBenchmark {

    private static final String STREAMS_GROUP = "reconciliation-service";
    private static final Duration NO_PROGRESS_LIMIT = Duration.ofMinutes(3);
    private static final PrintStream OUT = System.out;

    private final Options options;

    private ReconciliationBenchmark(Options options) {
        this.options = options;
    }

    /**
     * @param warmup pairs flooded and decided before the clock starts (the service's JIT and caches warm, as in
     *               production): throughput then measures the steady state, not the compiler
     * @param rate   0: flood the N pairs at once (throughput); else send them at this many pairs per second and
     *               measure each verdict's latency after its pair's second outcome
     * @param instances reconciliation-service processes sharing the partitions (target 6, scale-out)
     * @param oneSided  flood N first sides only, none answered (target 4: open correlations, memory and state on disk)
     */
    record Options(List<Long> pairs, int partitions, String heap, Path jar, List<String> jvmArgs, List<String> serviceArgs,
            boolean keep, long warmup, double rate, int instances, boolean oneSided) {
    }

    /** Latency percentiles in milliseconds, null when the pairs were flooded. */
    record Latency(double achievedRate, long p50, long p95, long p99, long max) {
    }

    /** What one N came to. */
    record Result(long pairs, double pipelineSeconds, double rawProduceSeconds,
            double rawConsumeSeconds, double rawCopySeconds, long rssBefore, long rssAfter, double serviceCpuSeconds,
            Map<String, Long> classifications, boolean asExpected, Latency latency, Long stateBytes) {

        double rawSeconds() {
            return rawProduceSeconds + rawConsumeSeconds + rawCopySeconds;
        }

        double pipelineRate() {
            return pairs / pipelineSeconds;
        }

        double rawRate() {
            return pairs / rawSeconds();
        }
    }

    static void main(String[] argv) throws Exception {
        CommandLine line = CommandLine.parse(argv, Set.of("keep", "one-sided"));
        Map<String, String> args = line.options();
        List<String> jvmArgs = line.jvmArgs();
        List<String> serviceArgs = line.serviceArgs();
        List<Long> pairs = Stream.of(args.getOrDefault("pairs", "100000,1000000").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        Path jar = args.containsKey("jar") ? Path.of(args.get("jar")) : ServiceProcess.executableJar("reconciliation-service");
        Options options = new Options(pairs, Integer.parseInt(args.getOrDefault("partitions", "3")),
                args.getOrDefault("heap", "1g"), jar, jvmArgs, serviceArgs, args.containsKey("keep"),
                Long.parseLong(args.getOrDefault("warmup", "20000")), Double.parseDouble(args.getOrDefault("rate", "0")),
                Integer.parseInt(args.getOrDefault("instances", "1")), args.containsKey("one-sided"));
        if (options.instances() < 1 || options.oneSided() && options.rate() > 0) {
            throw new IllegalArgumentException("--instances must be at least 1; --one-sided floods, it takes no --rate");
        }
        new ReconciliationBenchmark(options).run();
    }

    private void run() throws Exception {
        OUT.printf("reconciliation benchmark: %s %s%s after %d warm-up pairs, %d partitions, %d reconciliation-service "
                + "instance(s) -Xmx%s, %d cores%n", options.pairs(), options.oneSided() ? "first sides" : "pairs",
                options.rate() > 0 ? " at " + options.rate() + " pairs/s" : " flooded", options.warmup(),
                options.partitions(), options.instances(), options.heap(), Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        for (long n : options.pairs()) {
            results.add(measure(n));
        }
        OUT.println();
        boolean allExpected = true;
        if (options.oneSided()) {
            OUT.printf("%-10s %10s %12s %12s %14s %10s %s%n", "first sides", "read s", "per s", "rss growth",
                    "state on disk", "cpu s", "waiting (the services' count)");
            for (Result r : results) {
                OUT.printf("%-10d %10.1f %12.0f %8.0f MiB %10.0f MiB %10.1f %d%s%n", r.pairs(), r.pipelineSeconds(),
                        r.pipelineRate(), (r.rssAfter() - r.rssBefore()) / 1048576.0, r.stateBytes() / 1048576.0,
                        r.serviceCpuSeconds(), r.classifications().get("waiting"), r.asExpected() ? "" : " NOT ALL WAITING");
                allExpected &= r.asExpected();
            }
        } else if (options.rate() > 0) {
            OUT.printf("%-10s %12s %12s %8s %8s %8s %8s %12s %10s %s%n", "pairs", "asked /s", "achieved /s", "p50 ms",
                    "p95 ms", "p99 ms", "max ms", "rss growth", "cpu s", "verdicts");
            for (Result r : results) {
                Latency l = r.latency();
                OUT.printf("%-10d %12.0f %12.0f %8d %8d %8d %8d %9.0f MiB %10.1f %s%n", r.pairs(), options.rate(),
                        l.achievedRate(), l.p50(), l.p95(), l.p99(), l.max(), (r.rssAfter() - r.rssBefore()) / 1048576.0,
                        r.serviceCpuSeconds(), (r.asExpected() ? "as expected " : "NOT AS EXPECTED ") + r.classifications());
                allExpected &= r.asExpected();
            }
        } else {
            OUT.printf("%-10s %12s %12s %10s %12s %7s %28s %12s %10s %s%n", "pairs", "pipeline s", "pairs/s", "raw s",
                    "raw pairs/s", "ratio", "raw: produce/consume/copy s", "rss growth", "cpu s", "verdicts");
            for (Result r : results) {
                OUT.printf("%-10d %12.1f %12.0f %10.1f %12.0f %7.2f %28s %9.0f MiB %10.1f %s%n", r.pairs(),
                        r.pipelineSeconds(), r.pipelineRate(), r.rawSeconds(), r.rawRate(), r.pipelineRate() / r.rawRate(),
                        String.format("%.1f/%.1f/%.1f", r.rawProduceSeconds(), r.rawConsumeSeconds(), r.rawCopySeconds()),
                        (r.rssAfter() - r.rssBefore()) / 1048576.0, r.serviceCpuSeconds(),
                        (r.asExpected() ? "as expected " : "NOT AS EXPECTED ") + r.classifications());
                allExpected &= r.asExpected();
            }
        }
        if (!allExpected) {
            throw new IllegalStateException(options.oneSided() ? "not every first side waits for its counterpart"
                    : "some verdicts were not the ones their pairs were built to have");
        }
    }

    private Result measure(long n) throws Exception {
        Path dir = Files.createTempDirectory("parallelrun-bench-");
        OUT.printf("%n== %d %s (data in %s)%n", n, options.oneSided() ? "first sides" : "pairs", dir);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String warmRun = run + "w";
        String timedRun = run + "t";
        OUT.print("   generating the outcomes... ");
        long generating = System.nanoTime();
        Batch warm = Batch.generate(warmRun, options.warmup());
        // paced pairs and first sides are generated as they are sent: each outcome answered when it is sent
        Batch timed = options.rate() > 0 || options.oneSided() ? null : Batch.generate(timedRun, n);
        OUT.printf("%d in %.1f s%n", 2 * (options.warmup() + (timed == null ? 0 : n)), seconds(generating));
        List<ServiceProcess> services = new ArrayList<>();
        try (Infrastructure infra = Infrastructure.start(dir)) {
            infra.createTopics(options.partitions(), Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW, "bench.raw.legacy",
                    "bench.raw.shadow");
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.heap()));
            jvm.addAll(options.jvmArgs());
            for (int instance = 0; instance < options.instances(); instance++) {
                List<String> args = new ArrayList<>(List.of("--spring.profiles.active=local", "--spring.main.banner-mode=off",
                        "--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                        "--spring.datasource.url=" + infra.jdbcUrl(), "--spring.datasource.username=" + infra.dbUser(),
                        "--spring.datasource.password=" + infra.dbPassword(),
                        "--reconciliation.topics.partitions=" + options.partitions(),
                        "--reconciliation.streams.state-dir=" + dir.resolve("reconciliation-state-" + instance),
                        "--management.endpoint.health.show-details=always"));
                if (options.oneSided()) {
                    // the first sides must still wait when the flood ends: a window far longer than the run
                    args.add("--reconciliation.correlation.contexts.claims.window=12h");
                }
                args.addAll(options.serviceArgs());
                Path log = dir.resolve("reconciliation-" + instance + ".log");
                services.add(ServiceProcess.start(options.jar(), jvm, args, Infrastructure.freePort(), log));
                OUT.println("   starting reconciliation-service (pid " + services.get(services.size() - 1).pid() + ", log " + log + ")");
            }
            try (Admin admin = infra.admin();
                    Connection db = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword())) {
                for (ServiceProcess service : services) {
                    service.awaitHealthy("\"state\":\"RUNNING\"", Duration.ofMinutes(4));
                }
                if (warm.size() > 0) {
                    OUT.printf("   warming up with %d pairs (not timed)... ", warm.size());
                    long warming = System.nanoTime();
                    awaitVerdicts(admin, db, warm.size(), produce(infra, Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW,
                            warm, 0, null), warming);
                    OUT.printf("%.1f s%n", seconds(warming));
                }
                long rssBefore = sum(services, ServiceProcess::residentBytes);
                long cpuBefore = sum(services, ServiceProcess::cpuMillis);
                if (options.oneSided()) {
                    return firstSides(n, timedRun, infra, admin, services, dir, rssBefore, cpuBefore);
                }

                long[] secondSentAt = null;
                long start = System.nanoTime();
                Map<TopicPartition, Long> ends;
                if (timed == null) {
                    OUT.printf("   sending %d pairs at %.0f pairs/s... ", n, options.rate());
                    secondSentAt = new long[(int) n];
                    ends = produce(infra, Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW, Batch.paced(timedRun, n),
                            options.rate(), secondSentAt);
                } else {
                    OUT.print("   flooding the outcome topics... ");
                    ends = produce(infra, Topics.OUTCOMES_LEGACY, Topics.OUTCOMES_SHADOW, timed, 0, null);
                }
                OUT.printf("%.1f s; waiting for every verdict in PostgreSQL...%n", seconds(start));
                awaitVerdicts(admin, db, warm.size() + n, ends, start);
                double pipeline = seconds(start);
                long rssAfter = sum(services, ServiceProcess::residentBytes);
                double cpu = (sum(services, ServiceProcess::cpuMillis) - cpuBefore) / 1000.0;
                Map<String, Long> classifications = classifications(db, timedRun);
                boolean expected = classifications.equals(expectedClassifications(n));
                OUT.printf("   pipeline: %.1f s, %.0f pairs/s, reconciliation used %.1f s of CPU; %d pairs decided more than once "
                        + "(a late side after a MISSING_* verdict)%n", pipeline, n / pipeline, cpu, superseded(db, timedRun));
                if (services.size() > 1) {
                    OUT.println("   verdicts stored per instance (each one's sink): " + storedPerInstance(services));
                }
                if (timed == null) {
                    Latency latency = latency(db, timedRun, secondSentAt, n / pipeline);
                    return new Result(n, pipeline, 0, 0, 0, rssBefore, rssAfter, cpu, classifications, expected, latency, null);
                }

                OUT.print("   raw limit: produce... ");
                start = System.nanoTime();
                produce(infra, "bench.raw.legacy", "bench.raw.shadow", timed, 0, null);
                double produce = seconds(start);
                OUT.printf("%.1f s, read back... ", produce);
                start = System.nanoTime();
                long read = consume(infra, List.of("bench.raw.legacy", "bench.raw.shadow"), 2 * n);
                double consume = seconds(start);
                OUT.printf("%.1f s (%d records), COPY... ", consume, read);
                double copy = copyVerdicts(db, dir.resolve("verdicts.copy"), n, timedRun);
                OUT.printf("%.1f s%n", copy);
                return new Result(n, pipeline, produce, consume, copy, rssBefore, rssAfter, cpu, classifications,
                        expected, null, null);
            }
        } finally {
            services.forEach(ServiceProcess::close);
            if (!options.keep()) {
                deleteQuietly(dir);
            }
        }
    }

    /**
     * Target 4: N first sides (legacy only) flooded, the clock stopped when the correlation has committed the end of
     * every partition, so every one of them waits in the pending store; the growth of the resident memory, the state on
     * disk and the services' own exact count of waiting outcomes are read then.
     */
    private Result firstSides(long n, String run, Infrastructure infra, Admin admin, List<ServiceProcess> services,
            Path dir, long rssBefore, long cpuBefore) throws Exception {
        long pendingBefore = sum(services, ServiceProcess::pendingCorrelations);
        long start = System.nanoTime();
        OUT.printf("   flooding %d first sides onto %s... ", n, Topics.OUTCOMES_LEGACY);
        Map<TopicPartition, Long> ends = produce(infra, Topics.OUTCOMES_LEGACY, null, Batch.paced(run, n), 0, null);
        OUT.printf("%.1f s; waiting until the correlation has read every one...%n", seconds(start));
        long lastReport = System.nanoTime();
        long peakRss = rssBefore;
        while (!caughtUp(admin, STREAMS_GROUP, ends)) {
            peakRss = Math.max(peakRss, sum(services, ServiceProcess::residentBytes));
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                OUT.printf("     %.0f s: rss %d MiB, %d waiting%n", seconds(start),
                        sum(services, ServiceProcess::residentBytes) / 1048576, sum(services, ServiceProcess::pendingCorrelations));
                lastReport = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        double elapsed = seconds(start);
        long rssAfter = sum(services, ServiceProcess::residentBytes);
        double cpu = (sum(services, ServiceProcess::cpuMillis) - cpuBefore) / 1000.0;
        long waiting = sum(services, ServiceProcess::pendingCorrelations) - pendingBefore;
        long stateBytes = 0;
        for (int instance = 0; instance < services.size(); instance++) {
            stateBytes += sizeOf(dir.resolve("reconciliation-state-" + instance));
        }
        OUT.printf("   %d first sides read in %.1f s, %.0f/s; %d waiting by the services' count; rss %d -> %d MiB (peak %d); "
                + "state on disk %d MiB; reconciliation used %.1f s of CPU%n", n, elapsed, n / elapsed, waiting,
                rssBefore / 1048576, rssAfter / 1048576, Math.max(peakRss, rssAfter) / 1048576, stateBytes / 1048576, cpu);
        return new Result(n, elapsed, 0, 0, 0, rssBefore, Math.max(peakRss, rssAfter), cpu, Map.of("waiting", waiting),
                waiting == n, null, stateBytes);
    }

    private static long sum(List<ServiceProcess> services, java.util.function.ToLongFunction<ServiceProcess> measure) {
        return services.stream().mapToLong(measure).sum();
    }

    private static String storedPerInstance(List<ServiceProcess> services) {
        List<Long> stored = new ArrayList<>();
        for (ServiceProcess service : services) {
            stored.add(service.metric("reconciliation_verdicts_total"));
        }
        return stored.toString();
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** N pairs' outcomes: generated up front (flooded), or as they are sent (paced), answered when sent. */
    private record Batch(String run, int size, String[] keys, byte[][] legacy, byte[][] shadow) {

        static Batch generate(String run, long n) {
            Instant base = Instant.now();
            Batch batch = new Batch(run, (int) n, new String[(int) n], new byte[(int) n][], new byte[(int) n][]);
            for (int i = 0; i < n; i++) {
                Instant time = base.plusNanos(i * 1000L);
                batch.keys[i] = Outcomes.correlationId(run, i);
                batch.legacy[i] = Outcomes.outcome(run, i, Outcomes.LEGACY, time);
                batch.shadow[i] = Outcomes.outcome(run, i, Outcomes.SHADOW, time);
            }
            return batch;
        }

        static Batch paced(String run, long n) {
            return new Batch(run, (int) n, null, null, null);
        }

        String key(int i) {
            return keys == null ? Outcomes.correlationId(run, i) : keys[i];
        }

        byte[] outcome(int i, String side) {
            if (keys == null) {
                return Outcomes.outcome(run, i, side, Instant.now());
            }
            return Outcomes.LEGACY.equals(side) ? legacy[i] : shadow[i];
        }
    }

    /**
     * Each pair's legacy then shadow outcome, keyed by correlation id, all at once ({@code rate} 0) or that many pairs
     * a second, noting when each pair's second outcome was sent; the end offset of every partition written. Without a
     * shadow topic, the legacy outcomes only (first sides).
     */
    private static Map<TopicPartition, Long> produce(Infrastructure infra, String legacyTopic, String shadowTopic,
            Batch batch, double rate, long[] secondSentAt) throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? 0 : 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String key = batch.key(i);
                producer.send(new ProducerRecord<>(legacyTopic, key, batch.outcome(i, Outcomes.LEGACY)),
                        (metadata, e) -> track(ends, metadata, e));
                if (shadowTopic == null) {
                    continue; // first sides only
                }
                byte[] second = batch.outcome(i, Outcomes.SHADOW);
                if (secondSentAt != null) {
                    secondSentAt[i] = System.currentTimeMillis();
                }
                producer.send(new ProducerRecord<>(shadowTopic, key, second), (metadata, e) -> track(ends, metadata, e));
            }
            producer.flush();
        }
        return ends;
    }

    /**
     * How long after its pair's second outcome was sent each verdict was stored: the row's {@code recorded_at} (the
     * storing transaction's start, its commit a few milliseconds later) against the send time, on the same clock.
     */
    private static Latency latency(Connection db, String run, long[] secondSentAt, double achievedRate) throws SQLException {
        long[] latencies = new long[secondSentAt.length];
        long[] deciding = new long[secondSentAt.length];
        int count = 0;
        String prefix = Outcomes.prefix(run);
        try (PreparedStatement statement = ofRun(db, "SELECT correlation_id, outcome_type, "
                + "(extract(epoch FROM recorded_at) * 1000)::bigint, (extract(epoch FROM decided_at) * 1000)::bigint "
                + "FROM reconciliation.verdict WHERE superseded_by IS NULL AND correlation_id LIKE ?", run);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                long intent = Long.parseLong(rs.getString(1).substring(prefix.length()));
                int pair = (int) (2 * intent + ("PaymentDecided".equals(rs.getString(2)) ? 1 : 0));
                deciding[count] = rs.getLong(4) - secondSentAt[pair];
                latencies[count++] = rs.getLong(3) - secondSentAt[pair];
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        Latency latency = new Latency(achievedRate, percentile(sorted, 0.50), percentile(sorted, 0.95),
                percentile(sorted, 0.99), sorted[sorted.length - 1]);
        OUT.printf("   latency after the second outcome: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d verdicts)%n",
                latency.p50(), latency.p95(), latency.p99(), latency.max(), count);
        long[] decided = Arrays.copyOf(deciding, count);
        Arrays.sort(decided);
        OUT.printf("     of which deciding (the correlation's decided_at): p50 %d ms, p99 %d ms; the rest is the correlation's "
                + "commit and the sink%n", percentile(decided, 0.50), percentile(decided, 0.99));
        return latency;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void track(Map<TopicPartition, Long> ends, org.apache.kafka.clients.producer.RecordMetadata metadata,
            Exception e) {
        if (e != null) {
            throw new IllegalStateException("the broker refused an outcome", e);
        }
        synchronized (ends) {
            ends.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
        }
    }

    /**
     * Until PostgreSQL holds N verdicts (counted often once the correlation has committed the end of every outcome
     * partition). Fails when nothing moves for three minutes.
     */
    private static void awaitVerdicts(Admin admin, Connection db, long n, Map<TopicPartition, Long> outcomeEnds, long start)
            throws Exception {
        long lastProgress = System.nanoTime();
        long lastCount = -1;
        long lastReport = System.nanoTime();
        while (true) {
            // counting a large table costs the database a scan: only once the correlation has read every outcome
            boolean correlated = caughtUp(admin, STREAMS_GROUP, outcomeEnds);
            boolean report = System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10);
            if (correlated || report) {
                long count = count(db);
                if (count >= n) {
                    return;
                }
                if (count != lastCount) {
                    lastCount = count;
                    lastProgress = System.nanoTime();
                }
                if (report) {
                    OUT.printf("     %.0f s: %d of %d verdicts stored%s%n", seconds(start), count, n,
                            correlated ? "" : ", the correlation still reading outcomes");
                    lastReport = System.nanoTime();
                }
            }
            if (System.nanoTime() - lastProgress > NO_PROGRESS_LIMIT.toNanos()) {
                throw new IllegalStateException("no verdict stored for " + NO_PROGRESS_LIMIT + ": " + lastCount + " of " + n);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static boolean caughtUp(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        if (ends.isEmpty()) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static long count(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM reconciliation.verdict")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> classifications(Connection db, String run) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement statement = ofRun(db, "SELECT classification, count(*) FROM reconciliation.verdict "
                + "WHERE superseded_by IS NULL AND correlation_id LIKE ? GROUP BY 1", run);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static long superseded(Connection db, String run) throws SQLException {
        try (PreparedStatement statement = ofRun(db, "SELECT count(*) FROM reconciliation.verdict "
                + "WHERE superseded_by IS NOT NULL AND correlation_id LIKE ?", run);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A query whose one parameter is the LIKE pattern of a run's correlation ids. */
    private static PreparedStatement ofRun(Connection db, String sql, String run) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        statement.setString(1, Outcomes.prefix(run) + "%");
        return statement;
    }

    static Map<String, Long> expectedClassifications(long n) {
        Map<String, Long> counts = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            counts.merge(Outcomes.expectedClassification(i), 1L, Long::sum);
        }
        return counts;
    }

    /** Reads every record of the topics once, from the beginning. */
    private static long consume(Infrastructure infra, List<String> topics, long expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            while (read < expected) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
                for (var record : records) {
                    bytes += record.value().length;
                    read++;
                }
            }
            if (bytes == 0) {
                throw new IllegalStateException("read nothing");
            }
        }
        return read;
    }

    /**
     * Writes the stored verdicts out (not timed), then COPYs them into a table like the verdict table, its indexes
     * included (timed); returns the seconds of the COPY.
     */
    private static double copyVerdicts(Connection db, Path file, long n, String run) throws SQLException, IOException {
        String columns = "verdict_id, revision, supersedes, superseded_by, correlation_id, context, outcome_type, "
                + "classification, severity, differences, rule_set_version, legacy_received_at, shadow_received_at, "
                + "decided_at, legacy_event_id, shadow_event_id, legacy_outcome, shadow_outcome, recorded_at, replay_id";
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        try (OutputStream out = Files.newOutputStream(file)) {
            // the current verdicts: one per pair (a pair decided twice, e.g. missing and then revised, has one more)
            copy.copyOut("COPY (SELECT " + columns + " FROM reconciliation.verdict WHERE superseded_by IS NULL "
                    + "AND correlation_id LIKE '" + Outcomes.prefix(run) + "%') TO STDOUT", out);
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS public.bench_raw_verdict");
            statement.execute("CREATE TABLE public.bench_raw_verdict (LIKE reconciliation.verdict INCLUDING DEFAULTS "
                    + "INCLUDING INDEXES INCLUDING CONSTRAINTS)");
        }
        long start = System.nanoTime();
        long rows;
        try (InputStream in = Files.newInputStream(file)) {
            rows = copy.copyIn("COPY public.bench_raw_verdict (" + columns + ") FROM STDIN", in);
        }
        double seconds = seconds(start);
        if (rows != n) {
            throw new IllegalStateException("COPY wrote " + rows + " rows, expected " + n);
        }
        return seconds;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            OUT.println("   could not delete " + dir + ": " + e.getMessage());
        }
    }
}
