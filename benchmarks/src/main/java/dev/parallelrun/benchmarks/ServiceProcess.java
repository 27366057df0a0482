package dev.parallelrun.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A service as its own OS process (its executable jar), as in production: its memory and CPU are its own. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final URI health;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(Process process, URI health, Path log) {
        this.process = process;
        this.health = health;
        this.log = log;
    }

    /** Finds {@code <module>/target/<module>-*-exec.jar} from the working folder or its parent. */
    static Path executableJar(String module) {
        for (Path root : List.of(Path.of(""), Path.of(".."))) {
            Path target = root.resolve(module).resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    var jar = files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst();
                    if (jar.isPresent()) {
                        return jar.get().toAbsolutePath();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no executable jar of " + module + ": build first (./mvnw -q -DskipTests package)");
    }

    static ServiceProcess start(Path jar, List<String> jvmArgs, List<String> args, int port, Path log) {
        return start(List.of("-jar", jar.toString()), jvmArgs, args, port, log);
    }

    /** A main class of this benchmarks jar (its manifest's class path brings the libraries) as its own process. */
    static ServiceProcess startMain(Class<?> main, List<String> jvmArgs, List<String> args, int port, Path log) {
        String benchmarksJar;
        try {
            benchmarksJar = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return start(List.of("-cp", benchmarksJar, main.getName()), jvmArgs, args, port, log);
    }

    private static ServiceProcess start(List<String> launch, List<String> jvmArgs, List<String> args, int port, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(process, URI.create("http://localhost:" + port + "/actuator/health"), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch, e);
        }
    }

    /** Waits until the health endpoint answers UP with the given detail in it. */
    void awaitHealthy(String detail, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; its log: " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(detail)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy within " + timeout + "; its log: " + log);
    }

    /** The reconciliation's exact count of outcomes waiting for their counterpart (0 while its stores are not queryable). */
    long pendingCorrelations() {
        return Math.max(0, metric("reconciliation_pending_correlations"));
    }

    /**
     * The sum of every series of a metric on {@code /actuator/prometheus} (the local profile's scraper credential);
     * -1 when it cannot be read.
     */
    long metric(String name) {
        URI prometheus = health.resolve("/actuator/prometheus");
        String credential = Base64.getEncoder().encodeToString("metrics:metrics".getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Basic " + credential).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Math.round(sum);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Where the service answers HTTP. */
    URI uri(String path) {
        return health.resolve(path);
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size in bytes (Linux {@code /proc/<pid>/status}), -1 where it cannot be read. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time the process has used so far, in milliseconds (-1 where unknown). */
    long cpuMillis() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
