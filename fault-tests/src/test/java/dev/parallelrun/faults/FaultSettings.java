package dev.parallelrun.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The sizes of a fault run, from system properties (the pom passes them; {@code -Pfaults-long} or
 * {@code -Dfaults.pairs=100000} change them). Defaults keep the CI run short.
 */
record FaultSettings(Path repositoryRoot, String projectVersion, Path workDir, int pairs, int ratePerSecond,
        int kills, List<Duration> postgresOutages, Duration downtime, String window, String grace,
        Duration settleTimeout, Duration maxStall, Duration minFlood, int replayIntents, int replayRate) {

    static FaultSettings fromSystemProperties() {
        return new FaultSettings(
                Path.of(property("faults.repository-root", "..")).toAbsolutePath().normalize(),
                property("faults.project-version", "0.1.0-SNAPSHOT"),
                Path.of(property("faults.work-dir", "target")).toAbsolutePath().normalize(),
                Integer.parseInt(property("faults.pairs", "4000")),
                Integer.parseInt(property("faults.rate", "200")),
                Integer.parseInt(property("faults.kills", "1")),
                Arrays.stream(property("faults.postgres.outages", "PT30S").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(Duration::parse).toList(),
                Duration.parse(property("faults.downtime", "PT40S")),
                configured(property("faults.window", "10s")),
                configured(property("faults.grace", "10s")),
                Duration.parse(property("faults.settle-timeout", "PT3M")),
                Duration.parse(property("faults.max-stall", "PT15S")),
                Duration.parse(property("faults.min-flood", "PT60S")),
                Integer.parseInt(property("faults.replay.intents", "2000")),
                Integer.parseInt(property("faults.replay.rate", "150")));
    }

    /**
     * The rate for scenarios whose faults need instances to start mid-flood: slow enough that the flood
     * lasts at least {@code minFlood}, so that every fault lands while outcomes still flow.
     */
    int spanningRate() {
        return (int) Math.max(1, Math.min(ratePerSecond, pairs / Math.max(1, minFlood.toSeconds())));
    }

    /** A service's executable jar as the reactor packages it. */
    Path executableJar(String module) {
        return repositoryRoot.resolve(module).resolve("target").resolve(module + "-" + projectVersion + "-exec.jar");
    }

    Path logDir() {
        return workDir.resolve("fault-logs");
    }

    Path runDir() {
        return workDir.resolve("fault-runs");
    }

    /** {@code shipped} (or nothing): leave the service's own setting alone. */
    private static String configured(String value) {
        return "shipped".equals(value) ? "" : value;
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null ? fallback : value.trim();
    }
}
