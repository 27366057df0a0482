package dev.parallelrun.runner;

import dev.parallelrun.participant.CommonPool;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one-command local platform: a real Kafka broker (KRaft) and a real PostgreSQL started here
 * with their data under one folder, every service on its port, and a traffic generator posting
 * claims through the ingress. Ctrl-C stops everything cleanly.
 *
 * <p>Options: {@code --rate=<intents per second>} (default 3; two claims for every quote request), {@code --duration=<ISO-8601, e.g. PT5M>}
 * (default: until Ctrl-C); or several rates, {@code --rate=20,80,160}, run as {@link RateSteps}: {@code --warm-up}
 * (default PT90S) at the first, then {@code --step} (default PT60S) at each, a line per step, then the run stops; {@code --data-dir=<folder>} (default {@code .parallelrun}),
 * {@code --summary-every=<seconds>} (default 5), {@code --seed=<long>}. Environment:
 * {@code PARALLELRUN_KAFKA_BOOTSTRAP} and {@code PARALLELRUN_DB_URL} (with {@code PARALLELRUN_DB_USER},
 * {@code PARALLELRUN_DB_PASSWORD}) use an existing Kafka and PostgreSQL instead.
 */
public final class LocalRunner {

    static final String LOCAL_API_KEY = "local-dev-key";

    private LocalRunner() {
    }

    public static void main(String[] argv) throws Exception {
        CommonPool.atLeastTwoThreads(); // the adapter's and the traffic generator's HTTP clients hand answers over there
        Map<String, String> args = parse(argv);
        List<Double> rates = RateSteps.parseRates(args.getOrDefault("rate", "3"));
        double rate = rates.get(0);
        Duration duration = args.containsKey("duration") ? Duration.parse(args.get("duration")) : null;
        RateSteps steps = rates.size() == 1 ? null : new RateSteps(rates,
                Duration.parse(args.getOrDefault("step", "PT60S")), Duration.parse(args.getOrDefault("warm-up", "PT90S")));
        if (steps != null && duration != null) {
            throw new IllegalArgumentException("--duration is for one rate; several rates run --warm-up, then --step each");
        }
        Path dataDir = Path.of(args.getOrDefault("data-dir", ".parallelrun")).toAbsolutePath();
        int summaryEvery = Integer.parseInt(args.getOrDefault("summary-every", "5"));
        long seed = Long.parseLong(args.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
        PrintStream out = System.out;

        List<AutoCloseable> resources = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable stop = orderedStop(resources, dataDir, out);
        // Ctrl-C and SIGTERM stop the platform in order *before* the JVM runs its shutdown hooks: the
        // embedded PostgreSQL registers a hook of its own that would otherwise stop the database
        // while services still use it. The hook below covers every other way out.
        for (String signal : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                stop.run();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "parallel-run-stop"));

        String kafka = System.getenv("PARALLELRUN_KAFKA_BOOTSTRAP");
        if (kafka == null || kafka.isBlank()) {
            out.println("[parallel-run] starting Kafka (KRaft) on localhost:9092, data in " + dataDir.resolve("kafka"));
            LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir.resolve("kafka"), 9092, 9093);
            resources.add(broker);
            kafka = broker.bootstrapServers();
        }
        String dbUrl = System.getenv("PARALLELRUN_DB_URL");
        String dbUser = System.getenv().getOrDefault("PARALLELRUN_DB_USER", "postgres");
        String dbPassword = System.getenv().getOrDefault("PARALLELRUN_DB_PASSWORD", "");
        if (dbUrl == null || dbUrl.isBlank()) {
            out.println("[parallel-run] starting PostgreSQL on localhost:15432, data in " + dataDir.resolve("postgres"));
            LocalPostgres postgres = LocalPostgres.start(dataDir.resolve("postgres"), 15432);
            resources.add(postgres);
            dbUrl = postgres.jdbcUrl();
            dbUser = postgres.user();
            dbPassword = postgres.password();
        }

        out.println("[parallel-run] starting the services...");
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(kafka, dbUrl, dbUser, dbPassword,
                dataDir, 8080, 8081, 8082, 8083, 8090, 8086, List.of()));
        resources.add(platform);

        TrafficGenerator generator = new TrafficGenerator(platform.ingress(), LOCAL_API_KEY, rate, seed, Clock.systemUTC());
        resources.add(generator);
        banner(out, platform, kafka, dbUrl, args.getOrDefault("rate", "3"));
        generator.start();

        LiveSummary summary = new LiveSummary(dbUrl, dbUser, dbPassword, generator, out);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "live-summary");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(summary::print, summaryEvery, summaryEvery, TimeUnit.SECONDS);
        resources.add(ticker::shutdownNow);

        if (steps != null) {
            try (ConsumerLag lag = new ConsumerLag(kafka)) {
                steps.run(generator, summary::reading, lag::byGroup, out);
            } catch (Exception e) {
                // a benchmark that cannot measure must end, not leave the platform running with nobody reading it
                out.println("[parallel-run] the steps failed: " + e);
                e.printStackTrace(out);
                stop.run();
                System.exit(1);
            }
        }
        if (steps != null || duration != null) {
            if (duration != null) {
                Thread.sleep(duration.toMillis());
            }
            summary.print();
            out.println("[parallel-run] generated by scenario: " + generator.generatedByKind());
            stop.run();
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    /** Closes what was started, newest first; runs once however often it is called. */
    private static Runnable orderedStop(List<AutoCloseable> resources, Path dataDir, PrintStream out) {
        AtomicBoolean stopping = new AtomicBoolean();
        return () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            out.println("[parallel-run] stopping...");
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    out.println("[parallel-run] while stopping: " + e);
                }
            }
            out.println("[parallel-run] stopped; data kept in " + dataDir);
        };
    }

    private static void banner(PrintStream out, LocalPlatform platform, String kafka, String dbUrl, String rate) {
        URI rec = platform.reconciliation();
        out.println();
        out.println("=================================================================================");
        out.println(" Parallel run platform is up (local profile)");
        out.println("   ingress            " + platform.ingress() + "/api/v1/intents/{ClaimSubmitted|QuoteRequested}   header X-Api-Key: " + LOCAL_API_KEY);
        out.println("                      admin (sampling, data subjects) X-Api-Key: local-admin-key");
        out.println("   reconciliation API " + rec + "/api/v1/reconciliations   /api/v1/match-rates");
        out.println("                      users (HTTP Basic): auditor/auditor, operator/operator, admin/admin");
        out.println("   legacy adapter     " + platform.adapter() + "/actuator/health");
        out.println("   shadow claims svc  " + platform.shadow() + "/api/v1/side-effects   user (HTTP Basic): auditor/auditor");
        out.println("   shadow pricing svc " + platform.pricing() + "/api/v1/side-effects   user (HTTP Basic): auditor/auditor");
        out.println("   legacy stand-in    " + platform.legacy() + "   client (HTTP Basic): legacy-adapter/legacy-adapter");
        out.println("   metrics            <service>/actuator/prometheus   scraper (HTTP Basic): metrics/metrics");
        out.println("   Kafka              " + kafka);
        out.println("   PostgreSQL         " + dbUrl);
        out.printf("   traffic            %s intents/s through the ingress (2 claims : 1 quote); Ctrl-C stops everything%n", rate);
        out.println(" try: curl -u auditor:auditor '" + rec + "/api/v1/match-rates?window=PT15M'");
        out.println("=================================================================================");
        out.println();
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --name=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            args.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return args;
    }
}
