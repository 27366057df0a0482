package dev.parallelrun.runner;

import dev.parallelrun.events.verdict.Classification;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints, every few seconds, what the parallel run has done: intents accepted, verdicts by classification, the match
 * rate and the authority stage per context.
 */
final class LiveSummary {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String dbUrl;
    private final String user;
    private final String password;
    private final TrafficGenerator generator;
    private final PrintStream out;
    private final long startedAtNanos = System.nanoTime();
    private long lastTotal;
    private long lastNanos = startedAtNanos;

    LiveSummary(String dbUrl, String user, String password, TrafficGenerator generator, PrintStream out) {
        this.dbUrl = dbUrl;
        this.user = user;
        this.password = password;
        this.generator = generator;
        this.out = out;
    }

    /** Current verdicts by classification, superseded ones left out. */
    Map<Classification, Long> verdicts() throws SQLException {
        return byClassification("SELECT classification, count(*) FROM reconciliation.verdict "
                + "WHERE superseded_by IS NULL GROUP BY classification");
    }

    /** Every verdict issued so far, by classification, superseded ones included: what the pipeline produced. */
    Map<Classification, Long> issued() throws SQLException {
        return byClassification("SELECT classification, count(*) FROM reconciliation.verdict GROUP BY classification");
    }

    private Map<Classification, Long> byClassification(String countQuery) throws SQLException {
        Map<Classification, Long> counts = new EnumMap<>(Classification.class);
        try (Connection connection = DriverManager.getConnection(dbUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(countQuery)) {
            while (rs.next()) {
                counts.put(Classification.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return counts;
    }

    /** A reading for {@link RateSteps}: intents accepted and verdicts issued so far. */
    RateSteps.Reading reading() throws SQLException {
        long accepted = generator.accepted();
        return new RateSteps.Reading(System.nanoTime(), accepted, issued());
    }

    /** Current verdicts per context and classification, superseded ones left out. */
    Map<String, Map<Classification, Long>> verdictsByContext() throws SQLException {
        Map<String, Map<Classification, Long>> counts = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(dbUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT context, classification, count(*) FROM reconciliation.verdict "
                        + "WHERE superseded_by IS NULL GROUP BY context, classification")) {
            while (rs.next()) {
                counts.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Classification.class))
                        .put(Classification.valueOf(rs.getString(2)), rs.getLong(3));
            }
        }
        return counts;
    }

    /**
     * The authority stage of each context that has a decision, with its cohorts where selective (e.g.
     * {@code SELECTIVE [motor/DE]}); a context without one is in {@code SHADOW}.
     */
    Map<String, String> stages() throws SQLException {
        Map<String, String> stages = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(dbUrl, user, password);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT ON (context) context, stage, cohorts::text "
                        + "FROM reconciliation.authority_decision ORDER BY context, decided_at DESC")) {
            while (rs.next()) {
                stages.put(rs.getString(1), stage(rs.getString(2), rs.getString(3)));
            }
        }
        return stages;
    }

    /** A stage as the summary prints it: its cohorts' values joined by '/', e.g. {@code SELECTIVE [motor/DE]}. */
    static String stage(String stage, String cohortsJson) {
        if (!"SELECTIVE".equals(stage) || cohortsJson == null) {
            return stage;
        }
        StringJoiner cohorts = new StringJoiner(", ", " [", "]");
        JsonNode array = JSON.readTree(cohortsJson);
        array.forEach(cohort -> {
            StringJoiner values = new StringJoiner("/");
            cohort.forEach(value -> values.add(value.asString()));
            cohorts.add(values.toString());
        });
        return stage + cohorts;
    }

    /** The match rate of some verdicts: agree / (agree + disagree), or "n/a" before any counts. */
    static String matchRate(Map<Classification, Long> counts) {
        long agree = 0;
        long disagree = 0;
        for (Map.Entry<Classification, Long> entry : counts.entrySet()) {
            switch (entry.getKey().bucket()) {
                case AGREE -> agree += entry.getValue();
                case DISAGREE -> disagree += entry.getValue();
                default -> {
                }
            }
        }
        return agree + disagree == 0 ? "n/a" : String.format("%.1f%%", 100.0 * agree / (agree + disagree));
    }

    void print() {
        try {
            Map<String, Map<Classification, Long>> byContext = verdictsByContext();
            Map<Classification, Long> counts = new EnumMap<>(Classification.class);
            byContext.values().forEach(perContext -> perContext.forEach((c, n) -> counts.merge(c, n, Long::sum)));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            StringJoiner byClass = new StringJoiner(" ");
            counts.forEach((classification, n) -> byClass.add(classification.name() + "=" + n));
            Map<String, String> stages = stagesOrNone();
            StringJoiner rates = new StringJoiner(", ");
            byContext.forEach((context, perContext) -> rates.add(context + " " + matchRate(perContext) + " ("
                    + stages.getOrDefault(context, "SHADOW") + ")"));
            long now = System.nanoTime();
            double intervalRate = (total - lastTotal) / Math.max(0.001, (now - lastNanos) / 1e9);
            double overallRate = total / Math.max(0.001, (now - startedAtNanos) / 1e9);
            lastTotal = total;
            lastNanos = now;
            out.printf("[parallel-run] intents accepted=%d rejected=%d unreachable=%d | verdicts=%d (%.1f/s now, %.1f/s overall) "
                            + "| match rate %s | %s%n",
                    generator.accepted(), generator.rejected(), generator.failed(), total, intervalRate, overallRate,
                    rates.length() == 0 ? "n/a" : rates, byClass.length() == 0 ? "no verdicts yet" : byClass);
        } catch (SQLException e) {
            out.println("[parallel-run] summary not available yet: " + e.getMessage());
        }
    }

    /** The stages, or none while reconciliation has not created its decision table yet. */
    private Map<String, String> stagesOrNone() {
        try {
            return stages();
        } catch (SQLException e) {
            return Map.of();
        }
    }
}
