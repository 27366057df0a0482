package dev.parallelrun.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local runner's single-node KRaft broker, run from the runner's executable jar in a process of its
 * own (its {@code StandaloneKafkaBroker} main), on fixed free ports and a data folder under
 * {@code target/}, so that it can be killed and started again with its topics and offsets.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final String READY = "kafka broker ready on ";

    private final JavaProcess process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(JavaProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBrokerProcess start(FaultSettings settings, String run, Path dataDir) {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        JavaProcess process = new JavaProcess("kafka", List.of(
                "-cp", settings.executableJar("local-runner").toString(),
                "-Dloader.main=dev.parallelrun.runner.StandaloneKafkaBroker"),
                List.of("org.springframework.boot.loader.launch.PropertiesLauncher",
                        "--data-dir=" + dataDir, "--port=" + port, "--controller-port=" + controllerPort),
                settings.logDir().resolve(run + "-kafka.log"));
        KafkaBrokerProcess broker = new KafkaBrokerProcess(process, "localhost:" + port);
        broker.startAndWait();
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** SIGKILL, then the same broker again on the same port and data. */
    void killAndRestart() {
        process.kill();
        startAndWait();
    }

    void kill() {
        process.kill();
    }

    void startAndWait() {
        process.start();
        process.awaitReady("serving", Duration.ofMinutes(2), () -> process.printedSinceStart(READY));
    }

    @Override
    public void close() {
        process.stop();
    }
}
