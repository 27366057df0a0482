package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One scenario's world: a fresh broker process, a fresh database on the shared PostgreSQL, the
 * reconciliation instances it starts, and the flood. Closing it kills whatever it started.
 */
final class FaultRun implements AutoCloseable {

    /** More partitions than instances, so that every instance of three owns work to lose. */
    static final int PARTITIONS = 6;

    private final FaultSettings settings;
    private final String name;
    private final Path dir;
    private final KafkaBrokerProcess broker;
    private final String jdbcUrl;
    private final List<ReconciliationInstance> instances = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<Instant> faults = new ArrayList<>();
    private final Instant started = Instant.now();
    private OutcomeFlood flood;

    private FaultRun(FaultSettings settings, String name, Path dir, KafkaBrokerProcess broker, String jdbcUrl) {
        this.settings = settings;
        this.name = name;
        this.dir = dir;
        this.broker = broker;
        this.jdbcUrl = jdbcUrl;
    }

    static FaultRun start(FaultSettings settings, RestartablePostgres postgres, String name) {
        String stamp = name + "-" + Long.toString(System.currentTimeMillis(), 36);
        Path dir = settings.runDir().resolve(stamp);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings, name, dir.resolve("kafka"));
        declareOutcomeTopics(broker);
        String jdbcUrl = postgres.createDatabase(stamp.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT));
        return new FaultRun(settings, name, dir, broker, jdbcUrl);
    }

    /** A reconciliation instance (not started yet), with extra command-line properties. */
    ReconciliationInstance reconciliation(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--reconciliation.topics.partitions=" + PARTITIONS));
        args.addAll(List.of(extraArgs));
        ReconciliationInstance instance = new ReconciliationInstance(settings, name, instances.size() + 1, dir,
                broker.bootstrapServers(), jdbcUrl, args);
        instances.add(instance);
        return instance;
    }

    /**
     * Any service of the platform as a process (not started yet): its executable jar with the local profile,
     * a free HTTP port, the run's broker and database, and extra command-line properties.
     */
    ServiceProcess service(String module, String... extraArgs) {
        int port = FreePorts.next();
        List<String> launch = new ArrayList<>(List.of("-jar", settings.executableJar(module).toString(),
                "--spring.profiles.active=local", "--spring.main.banner-mode=off", "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + RestartablePostgres.USER,
                "--spring.datasource.password=" + RestartablePostgres.PASSWORD));
        launch.addAll(List.of(extraArgs));
        JavaProcess process = new JavaProcess(module, List.of(), launch, settings.logDir().resolve(name + "-" + module + ".log"));
        ServiceProcess service = new ServiceProcess(process, java.net.URI.create("http://localhost:" + port));
        services.add(service);
        return service;
    }

    /** A service process and where it answers. */
    record ServiceProcess(JavaProcess process, java.net.URI uri) {
        ServiceProcess start() {
            process.start();
            return this;
        }

        void awaitHealthy() {
            process.awaitHealthy(uri.resolve("/actuator/health"), "UP", Duration.ofMinutes(4));
        }
    }

    KafkaBrokerProcess broker() {
        return broker;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** Starts the instances side by side and waits until each is healthy. */
    void startAll(List<ReconciliationInstance> toStart) {
        toStart.forEach(ReconciliationInstance::start);
        CompletableFuture.allOf(toStart.stream()
                .map(i -> CompletableFuture.runAsync(i::awaitHealthy)).toArray(CompletableFuture[]::new)).join();
    }

    /** Starts the flood once the verdict topic exists (reconciliation declares it). */
    OutcomeFlood flood(OutcomeFlood.Options options) {
        awaitTopics();
        flood = OutcomeFlood.start(broker.bootstrapServers(), name, options);
        return flood;
    }

    /** Notes the instant of a fault, for the stall figures. */
    Instant fault() {
        Instant now = Instant.now();
        faults.add(now);
        return now;
    }

    VerdictEvidence evidence() {
        return new VerdictEvidence(jdbcUrl, broker.bootstrapServers());
    }

    /** Waits for the verdicts to settle, collects the figures and prints them. */
    Figures figures(String scenario) {
        flood.awaitFinished(Duration.ofHours(2));
        VerdictEvidence evidence = evidence();
        boolean settled = evidence.awaitSettled(flood.expectedByPair().size(), settings.settleTimeout());
        return evidence.collect(scenario, flood, faults, settled, Duration.between(started, Instant.now()))
                .print(settings.workDir(), name);
    }

    /**
     * The outcome topics belong to the participants (the legacy adapter, the shadow service), which the flood
     * stands in for: declared here, as they would, before reconciliation subscribes to them. Where the participants
     * run too (the pipeline), they find them declared.
     */
    private static void declareOutcomeTopics(KafkaBrokerProcess broker) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(OutcomeFlood.LEGACY_TOPIC, PARTITIONS, (short) 1),
                    new NewTopic(OutcomeFlood.SHADOW_TOPIC, PARTITIONS, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while declaring the outcome topics", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot declare the outcome topics", e.getCause());
        }
    }

    private void awaitTopics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            await("outcome topics declared").atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> admin.listTopics()
                    .names().get().containsAll(List.of(OutcomeFlood.LEGACY_TOPIC, OutcomeFlood.SHADOW_TOPIC,
                            VerdictEvidence.VERDICTS_TOPIC)));
        }
    }

    @Override
    public void close() {
        if (flood != null) {
            flood.close();
        }
        instances.forEach(ReconciliationInstance::close);
        services.forEach(service -> service.process().kill());
        broker.close();
    }
}
