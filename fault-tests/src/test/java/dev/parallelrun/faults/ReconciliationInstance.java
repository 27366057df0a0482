package dev.parallelrun.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation-service process (its executable jar) with its own HTTP port and Kafka Streams state
 * folder; a restart keeps both, like a pod with a persistent volume.
 */
final class ReconciliationInstance implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final JavaProcess process;
    private final URI uri;
    private final URI health;

    ReconciliationInstance(FaultSettings settings, String run, int number, Path runDir, String bootstrapServers,
            String jdbcUrl, List<String> extraArgs) {
        int port = FreePorts.next();
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--spring.main.banner-mode=off",
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + RestartablePostgres.USER,
                "--spring.datasource.password=" + RestartablePostgres.PASSWORD,
                "--reconciliation.streams.state-dir=" + runDir.resolve("reconciliation-" + number).resolve("state"),
                "--management.endpoint.health.show-details=always"));
        args.addAll(extraArgs);
        List<String> launch = new ArrayList<>(List.of("-jar", settings.executableJar("reconciliation-service").toString()));
        launch.addAll(args);
        this.process = new JavaProcess("reconciliation-" + number, List.of(), launch,
                settings.logDir().resolve(run + "-reconciliation-" + number + ".log"));
        this.uri = URI.create("http://localhost:" + port);
        this.health = uri.resolve("/actuator/health");
    }

    String name() {
        return process.name();
    }

    /** Where its HTTP API answers; the same across restarts. */
    URI uri() {
        return uri;
    }

    ReconciliationInstance start() {
        process.start();
        return this;
    }

    /** Waits until the instance is UP and its correlation streams are RUNNING (not still rebalancing). */
    ReconciliationInstance awaitHealthy() {
        process.awaitHealthy(health, "\"state\":\"RUNNING\"", START_TIMEOUT);
        return this;
    }

    /** SIGKILL. */
    void kill() {
        process.kill();
    }

    /** SIGTERM: a graceful shutdown, as a scale-down would do. */
    void stop() {
        process.stop();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.kill();
    }
}
