package dev.parallelrun.faults;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts what a run left behind: the verdict table (SQL), the verdict topic read both with
 * {@code read_committed} and {@code read_uncommitted}, and the dead-letter topics.
 */
final class VerdictEvidence {

    static final String VERDICTS_TOPIC = "reconciliation.verdicts.v1";
    static final String AUTHORITATIVE_TOPIC = "outcomes.authoritative.v1";
    static final List<String> DEAD_LETTER_TOPICS = List.of(OutcomeFlood.LEGACY_TOPIC + ".dlq",
            OutcomeFlood.SHADOW_TOPIC + ".dlq", VERDICTS_TOPIC + ".dlq");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String jdbcUrl;
    private final String bootstrapServers;

    VerdictEvidence(String jdbcUrl, String bootstrapServers) {
        this.jdbcUrl = jdbcUrl;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Waits until every pair has a current verdict and the table stopped changing.
     *
     * @return whether it got there within the timeout
     */
    boolean awaitSettled(long pairs, Duration timeout) {
        try {
            await("a current verdict for each of " + pairs + " pairs").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> currentVerdictCount() >= pairs);
            AtomicLong last = new AtomicLong(-1);
            await("the verdict table to stop changing").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3))
                    .ignoreExceptions().until(() -> {
                        long now = verdictRowCount();
                        return last.getAndSet(now) == now;
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits until at least this many verdicts are stored: the platform is deciding. */
    void awaitVerdicts(long atLeast) {
        await("at least " + atLeast + " verdicts stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> verdictRowCount() >= atLeast);
    }

    long currentVerdictCount() throws SQLException {
        return count("SELECT count(*) FROM reconciliation.verdict WHERE superseded_by IS NULL");
    }

    long verdictRowCount() throws SQLException {
        return count("SELECT count(*) FROM reconciliation.verdict");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Figures collect(String scenario, OutcomeFlood flood, List<Instant> faults, boolean settled, Duration elapsed) {
        Map<String, String> expected = flood.expectedByPair();
        Set<String> pairedCorrelations = expected.keySet().stream().map(k -> k.substring(0, k.indexOf('|')))
                .collect(Collectors.toSet());
        List<Row> rows = rows();
        Map<String, Integer> currentByPair = new HashMap<>();
        Map<String, String> classificationByPair = new HashMap<>();
        Map<String, Long> classifications = new TreeMap<>();
        long missingRows = 0;
        long missingCurrent = 0;
        long unexpected = 0;
        for (Row row : rows) {
            String key = OutcomeFlood.pairKey(row.correlationId(), row.outcomeType());
            if (!expected.containsKey(key)) {
                unexpected++;
                continue;
            }
            boolean missing = row.classification().startsWith("MISSING_");
            if (missing) {
                missingRows++;
            }
            if (row.current()) {
                currentByPair.merge(key, 1, Integer::sum);
                classificationByPair.put(key, row.classification());
                classifications.merge(row.classification(), 1L, Long::sum);
                if (missing) {
                    missingCurrent++;
                }
            }
        }
        long lost = expected.keySet().stream().filter(k -> !currentByPair.containsKey(k)).count();
        long duplicates = currentByPair.values().stream().filter(n -> n > 1).count();
        long wrong = classificationByPair.entrySet().stream()
                .filter(e -> !e.getValue().startsWith("MISSING_") && !e.getValue().equals(expected.get(e.getKey())))
                .count();

        Set<String> committed = new HashSet<>();
        AtomicLong committedRecords = new AtomicLong();
        read(VERDICTS_TOPIC, "read_committed", record -> {
            committedRecords.incrementAndGet();
            committed.add(JSON.readTree(record.value()).path("id").asString());
        });
        AtomicLong uncommittedRecords = new AtomicLong();
        read(VERDICTS_TOPIC, "read_uncommitted", record -> uncommittedRecords.incrementAndGet());
        long storedNotCommitted = rows.stream().filter(r -> !committed.contains(r.verdictId())).count();

        // the flood's outcomes carry no authority stamp: legacy is authoritative, so each pair's legacy outcome must be
        // on the authoritative stream exactly once, whatever the fault
        Map<String, Integer> authoritativeByPair = new HashMap<>();
        read(AUTHORITATIVE_TOPIC, "read_committed", record -> {
            var event = JSON.readTree(record.value());
            String key = OutcomeFlood.pairKey(event.path("correlationid").asString(), event.path("outcometype").asString());
            if (expected.containsKey(key)) {
                authoritativeByPair.merge(key, 1, Integer::sum);
            }
        });
        long authoritativeLost = expected.keySet().stream().filter(k -> !authoritativeByPair.containsKey(k)).count();
        long authoritativeDuplicates = authoritativeByPair.values().stream().filter(n -> n > 1).count();

        Set<String> poisonIds = flood.poison().stream().map(OutcomeFlood.Poison::correlationId).collect(Collectors.toSet());
        Map<String, Long> deadLettered = new LinkedHashMap<>();
        Set<String> reasons = new LinkedHashSet<>();
        Set<String> poisonFound = new HashSet<>();
        AtomicLong withoutReason = new AtomicLong();
        AtomicLong good = new AtomicLong();
        for (String topic : DEAD_LETTER_TOPICS) {
            AtomicLong n = new AtomicLong();
            read(topic, "read_committed", record -> {
                n.incrementAndGet();
                Header reason = record.headers().lastHeader("dlq-reason");
                if (reason == null || reason.value() == null || reason.value().length == 0) {
                    withoutReason.incrementAndGet();
                } else if (reasons.size() < 4) {
                    String text = new String(reason.value(), StandardCharsets.UTF_8);
                    reasons.add(text.length() > 160 ? text.substring(0, 160) + "…" : text);
                }
                if (record.key() != null && poisonIds.contains(record.key())) {
                    poisonFound.add(record.key());
                } else if (record.key() != null && pairedCorrelations.contains(record.key())) {
                    good.incrementAndGet();
                }
            });
            deadLettered.put(topic, n.get());
        }
        return new Figures(scenario, expected.size(), flood.duplicatesSent(), flood.poison().size(), rows.size(),
                rows.stream().filter(Row::current).count(), lost, duplicates, missingRows, missingCurrent, wrong, unexpected,
                classifications, deadLettered, withoutReason.get(), poisonFound.size(), good.get(), List.copyOf(reasons),
                committedRecords.get(), committed.size(), uncommittedRecords.get(), storedNotCommitted,
                authoritativeLost, authoritativeDuplicates,
                stalls(rows, faults, flood.partitionByCorrelation()), settled, elapsed);
    }

    /**
     * Per fault: from the fault to the first verdict decided after it on the slowest partition, among the
     * partitions that decided anything after it ({@code null}: nothing was left to decide after the fault).
     */
    private static List<Duration> stalls(List<Row> rows, List<Instant> faults, Map<String, Integer> partitionOf) {
        List<Duration> stalls = new ArrayList<>();
        for (Instant fault : faults) {
            Map<Integer, Instant> firstAfter = new HashMap<>();
            for (Row row : rows) {
                Integer partition = partitionOf.get(row.correlationId());
                if (partition != null && !row.decidedAt().isBefore(fault)) {
                    firstAfter.merge(partition, row.decidedAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            stalls.add(firstAfter.values().stream().max(Instant::compareTo).map(slowest -> Duration.between(fault, slowest))
                    .orElse(null));
        }
        return stalls;
    }

    private record Row(String verdictId, String correlationId, String outcomeType, String classification, boolean current,
            Instant decidedAt) {
    }

    private List<Row> rows() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.setFetchSize(5_000);
            connection.setAutoCommit(false);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT verdict_id, correlation_id, outcome_type, classification, "
                    + "superseded_by IS NULL AS current, decided_at FROM reconciliation.verdict")) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the verdict table", e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, RestartablePostgres.USER, RestartablePostgres.PASSWORD);
    }

    /** Reads a topic from the beginning to its end (the last stable offset under {@code read_committed}). */
    void read(String topic, String isolation, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
