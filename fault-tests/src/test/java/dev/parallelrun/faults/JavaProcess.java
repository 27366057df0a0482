package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One JVM started as an OS process of its own, its output appended to a log file under
 * {@code target/fault-logs/}. It can be killed (SIGKILL), stopped (SIGTERM, graceful) and started
 * again with the same command line.
 */
final class JavaProcess implements AutoCloseable {

    /** Small heaps and a quick start: several of these share two cores with the build. */
    static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+UseSerialGC", "-Djava.awt.headless=true");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Set<JavaProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // whatever way the test JVM ends, no service outlives it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> p.kill()), "fault-processes-kill"));
    }

    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;
    private volatile long logSizeAtStart;
    private int starts;

    JavaProcess(String name, List<String> jvmArgs, List<String> launch, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(jvmArgs);
        cmd.addAll(launch);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    synchronized JavaProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "%n===== %s start #%d at %s =====%n%s%n".formatted(name, ++starts, Instant.now(),
                    String.join(" ", command)), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            logSizeAtStart = Files.size(log);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(this);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful close, no commit. */
    synchronized void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(30));
        }
        RUNNING.remove(this);
    }

    /** SIGTERM: the service shuts down gracefully (SIGKILL after a minute). */
    synchronized void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!waitFor(p, Duration.ofSeconds(60))) {
                p.destroyForcibly();
                waitFor(p, Duration.ofSeconds(30));
            }
        }
        RUNNING.remove(this);
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Waits until the condition holds, failing early (with the log's tail) when the process died. */
    void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        await(name + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + tail(40));
            }
            return ready.getAsBoolean();
        });
    }

    /** Waits until {@code GET url} answers 200 (a Spring Boot health endpoint reports UP) with the text in its body. */
    void awaitHealthy(URI health, String bodyContains, Duration timeout) {
        awaitReady("healthy at " + health + " with " + bodyContains, timeout, () -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains(bodyContains);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Whether the process printed the text since its latest start. */
    boolean printedSinceStart(String text) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logSizeAtStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
