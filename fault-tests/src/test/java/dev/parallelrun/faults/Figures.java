package dev.parallelrun.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one scenario counted: what the flood sent, what PostgreSQL and the verdict topic hold, what went to
 * the dead-letter topics, and how long verdicts stalled after each fault.
 *
 * @param pairs                 pairs sent (one outcome type of one intent, both sides)
 * @param verdictRows           rows in the verdict table, superseded ones included
 * @param currentVerdicts       rows no later verdict superseded
 * @param lost                  pairs sent without a current verdict
 * @param duplicates            pairs with more than one current verdict
 * @param missingRows           {@code MISSING_*} rows, current or superseded, for pairs whose both sides were sent
 * @param missingCurrent        of those, the current ones
 * @param wrongClassifications  current verdicts, not {@code MISSING_*}, whose classification is not the one the pair was built for
 * @param unexpectedVerdicts    verdict rows for correlation ids the flood never sent as a pair (e.g. a poison record's)
 * @param deadLettered          records per dead-letter topic
 * @param deadLetteredWithoutReason dead-letter records without a {@code dlq-reason} header
 * @param poisonDeadLettered    poison records found in a dead-letter topic
 * @param goodDeadLettered      dead-letter records that belong to a pair the flood sent
 * @param committedVerdicts     verdict records read with {@code read_committed}
 * @param uncommittedVerdicts   verdict records read with {@code read_uncommitted} (aborted transactions' included)
 * @param storedNotCommitted    stored verdict ids that no committed verdict record carries (from an aborted transaction)
 * @param authoritativeLost     pairs sent without an outcome on {@code outcomes.authoritative.v1} (read committed)
 * @param authoritativeDuplicates pairs with more than one outcome on {@code outcomes.authoritative.v1}
 * @param stallsAfterFaults     per fault, from the fault to the first verdict decided afterwards on the slowest partition
 *                              ({@code null}: nothing was left to decide after the fault)
 */
record Figures(String scenario, int pairs, long duplicatesSent, int poisonSent, long verdictRows, long currentVerdicts,
        long lost, long duplicates, long missingRows, long missingCurrent, long wrongClassifications,
        long unexpectedVerdicts, Map<String, Long> classifications, Map<String, Long> deadLettered,
        long deadLetteredWithoutReason, long poisonDeadLettered, long goodDeadLettered, List<String> deadLetterReasons,
        long committedVerdicts, long committedDistinct, long uncommittedVerdicts, long storedNotCommitted,
        long authoritativeLost, long authoritativeDuplicates, List<Duration> stallsAfterFaults, boolean settled, Duration elapsed) {

    long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append("\n[fault-suite] ").append(scenario).append(settled ? "" : "  (NOT SETTLED: verdicts stopped short)").append('\n');
        line(out, "pairs sent", pairs + " (" + duplicatesSent + " duplicate deliveries, " + poisonSent + " poison records)");
        line(out, "verdict rows", verdictRows + " (current " + currentVerdicts + ": " + classifications + ")");
        line(out, "lost", lost + " (pairs sent without a current verdict)");
        line(out, "duplicates", duplicates + " (pairs with more than one current verdict)");
        line(out, "false MISSING_*", missingRows + " rows (" + missingCurrent + " current)");
        line(out, "wrong classification", Long.toString(wrongClassifications));
        line(out, "unexpected verdicts", unexpectedVerdicts + " (for correlation ids never sent as a pair)");
        line(out, "dead-lettered", deadLettered + "; poison found " + poisonDeadLettered + "/" + poisonSent
                + ", good records " + goodDeadLettered + ", without reason " + deadLetteredWithoutReason);
        if (!deadLetterReasons.isEmpty()) {
            line(out, "dead-letter reasons", String.join(" | ", deadLetterReasons));
        }
        line(out, "verdict topic", "read_committed " + committedVerdicts + " (" + committedDistinct + " distinct ids), "
                + "read_uncommitted " + uncommittedVerdicts + " (" + (uncommittedVerdicts - committedVerdicts)
                + " from aborted transactions); stored but never committed: " + storedNotCommitted);
        line(out, "authoritative stream", "pairs without an authoritative outcome " + authoritativeLost
                + ", pairs with more than one " + authoritativeDuplicates + " (outcomes.authoritative.v1, read_committed)");
        if (!stallsAfterFaults.isEmpty()) {
            line(out, "fault → verdicts again", stallsAfterFaults.stream()
                    .map(d -> d == null ? "nothing left to decide" : String.format("%.1f s", d.toMillis() / 1000.0))
                    .collect(Collectors.joining(", ")));
        }
        line(out, "elapsed", String.format("%.0f s", elapsed.toMillis() / 1000.0));
        return out.toString();
    }

    /** Prints the figures and keeps them in {@code target/fault-figures/}. */
    Figures print(Path workDir, String fileName) {
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

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-24s %s%n", label, value));
    }
}
