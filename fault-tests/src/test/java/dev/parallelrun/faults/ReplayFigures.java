package dev.parallelrun.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a replay scenario counted: the originals put in the range, what the run says it selected and published, and
 * what the intent topic holds under the replay's id, read with {@code read_committed} (what the participants see) and
 * with {@code read_uncommitted} (aborted transactions' records too).
 *
 * @param intentsSent          original intents put in the replay's time range
 * @param state                the run's state at the end
 * @param selected             the run's {@code selected}
 * @param published            the run's {@code published}
 * @param selectedRows         {@code replay_intent} rows of the run
 * @param publishedAtKill      the run's {@code published} when the process was killed
 * @param committed            replayed records of the run on the intent topic, {@code read_committed}
 * @param distinctEventIds     distinct event ids among them
 * @param distinctOriginals    distinct {@code causationid}s (the originals' event ids) among them
 * @param lost                 originals in the range without a committed replayed record
 * @param duplicatesById       committed replayed records beyond the first of their event id
 * @param duplicatesByOriginal committed replayed records beyond the first of their original ({@code causationid})
 * @param unexpected           committed replayed records that are not the copy {@code replay_intent} recorded for an
 *                             original of the range (another event id, correlation id or original)
 * @param uncommitted          replayed records of the run read with {@code read_uncommitted}
 * @param downtime             from the SIGKILL until the restarted process was healthy
 * @param killToCompleted      from the SIGKILL until the run was {@code COMPLETED}
 */
record ReplayFigures(String scenario, int intentsSent, String state, long selected, long published, long selectedRows,
        long publishedAtKill, long committed, long distinctEventIds, long distinctOriginals, long lost,
        long duplicatesById, long duplicatesByOriginal, long unexpected, long uncommitted, Duration downtime,
        Duration killToCompleted, Duration elapsed) {

    long aborted() {
        return uncommitted - committed;
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append("\n[fault-suite] ").append(scenario).append('\n');
        line(out, "originals in range", Integer.toString(intentsSent));
        line(out, "run", state + ", selected " + selected + " (" + selectedRows + " replay_intent rows), published "
                + published);
        line(out, "killed at", "published " + publishedAtKill + " of " + selected + String.format(" (%.0f %%)",
                selected == 0 ? 0.0 : 100.0 * publishedAtKill / selected));
        line(out, "replayed on the topic", "read_committed " + committed + " (" + distinctEventIds + " distinct event ids, "
                + distinctOriginals + " distinct originals), read_uncommitted " + uncommitted + " (" + aborted()
                + " from aborted transactions)");
        line(out, "lost", lost + " (originals in range without a committed replayed record)");
        line(out, "duplicates", duplicatesById + " by event id, " + duplicatesByOriginal + " by causationid");
        line(out, "unexpected", unexpected + " (committed records not the copy replay_intent recorded)");
        line(out, "kill → healthy again", seconds(downtime));
        line(out, "kill → COMPLETED", seconds(killToCompleted));
        line(out, "elapsed", String.format("%.0f s", elapsed.toMillis() / 1000.0));
        return out.toString();
    }

    /** Prints the figures and keeps them in {@code target/fault-figures/}. */
    ReplayFigures print(Path workDir, String fileName) {
        String report = report();
        System.out.println(report);
        try {
            Path dir = Files.createDirectories(workDir.resolve("fault-figures"));
            Files.writeString(dir.resolve(fileName + ".txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static String seconds(Duration duration) {
        return duration == null ? "not reached" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-24s %s%n", label, value));
    }
}
