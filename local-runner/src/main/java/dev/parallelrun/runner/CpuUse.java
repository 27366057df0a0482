package dev.parallelrun.runner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU a step of traffic took: the whole machine's (every service, the broker, PostgreSQL's processes and the
 * kernel's work for them, read from {@code /proc/stat}) and this JVM's, and the machine's per intent accepted: the
 * figure the pipeline's top rate is the cores divided by. It also counts the threads this JVM started during the step:
 * a service that starts a thread per request or per call (a default async executor on two cores) shows there.
 */
final class CpuUse {

    /** The kernel's clock ticks per second for {@code /proc/stat} ({@code USER_HZ}): 100 on every Linux build. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /**
     * One reading.
     *
     * @param machineBusyNanos CPU time all cores spent busy since boot ({@code -1} where {@code /proc/stat} is not)
     * @param processNanos     CPU time this JVM used since it started ({@code -1} where the JVM does not tell)
     * @param threadsStarted   threads this JVM started since it started
     */
    record Reading(long nanos, long machineBusyNanos, long processNanos, long threadsStarted) {
    }

    private CpuUse() {
    }

    static Reading read() {
        return new Reading(System.nanoTime(), machineBusyNanos(), processNanos(),
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount());
    }

    /**
     * The line after a step, e.g. {@code cpu during the step: 1.92 of 2 cores busy (this JVM 1.61); 23.1 ms of CPU per
     * intent accepted; 12 threads started}.
     */
    static String line(Reading before, Reading after, long intentsAccepted, int cores) {
        double seconds = Math.max(0.001, (after.nanos() - before.nanos()) / 1e9);
        if (before.machineBusyNanos() < 0 || after.machineBusyNanos() < 0) {
            return "[parallel-run]   cpu during the step: not available (no /proc/stat)";
        }
        double busyNanos = after.machineBusyNanos() - before.machineBusyNanos();
        String process = before.processNanos() < 0 || after.processNanos() < 0 ? ""
                : String.format(" (this JVM %.2f)", (after.processNanos() - before.processNanos()) / 1e9 / seconds);
        String perIntent = intentsAccepted <= 0 ? "no intent accepted"
                : String.format("%.1f ms of CPU per intent accepted", busyNanos / 1e6 / intentsAccepted);
        return String.format("[parallel-run]   cpu during the step: %.2f of %d cores busy%s; %s; %d threads started",
                busyNanos / 1e9 / seconds, cores, process, perIntent, after.threadsStarted() - before.threadsStarted());
    }

    /**
     * The busy time in the first line of {@code /proc/stat} ({@code cpu user nice system idle iowait irq softirq steal
     * ...}): every column but idle and iowait.
     */
    static long busyNanos(String cpuLine) {
        List<String> fields = List.of(cpuLine.trim().split("\\s+"));
        if (fields.size() < 9 || !"cpu".equals(fields.get(0))) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        long busy = 0;
        for (int index : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
            busy += Long.parseLong(fields.get(index));
        }
        return busy * NANOS_PER_TICK;
    }

    private static long machineBusyNanos() {
        try {
            if (!Files.isReadable(PROC_STAT)) {
                return -1;
            }
            return busyNanos(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
