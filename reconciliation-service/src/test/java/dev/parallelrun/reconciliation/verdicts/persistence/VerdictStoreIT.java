package dev.parallelrun.reconciliation.verdicts.persistence;

import static dev.parallelrun.reconciliation.verdicts.persistence.VerdictFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.verdicts.VerdictFollowUp;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore.StoredVerdict;
import dev.parallelrun.testsupport.TestDatabases.TestDatabase;
import dev.parallelrun.testsupport.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** The verdict store against a real PostgreSQL with the service's migrations: one current verdict per pair, always. */
class VerdictStoreIT {

    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");
    private static AnnotationConfigApplicationContext context;
    private static VerdictStore store;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        TestDatabase database = TestDatabases.create("verdict_store");
        flyway(database, null).migrate();
        StoreConfig.database = database;
        context = new AnnotationConfigApplicationContext(StoreConfig.class);
        store = context.getBean(VerdictStore.class);
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void storesAnIntentSamplingLeftOutOnceAndCountsThoseOfTheWindowPerContext() {
        var unsampled = new UnsampledIntentStore(jdbc);
        String context = "sampling-" + UUID.randomUUID();
        var first = new UnsampledIntentStore.UnsampledIntent(UUID.randomUUID().toString(), context,
                "claims.ClaimSubmitted.v1", START);
        var second = new UnsampledIntentStore.UnsampledIntent(UUID.randomUUID().toString(), context,
                "claims.ClaimSubmitted.v1", START.plusSeconds(60));
        var before = new UnsampledIntentStore.UnsampledIntent(UUID.randomUUID().toString(), context,
                "claims.ClaimSubmitted.v1", START.minusSeconds(1));

        unsampled.saveAll(List.of(first, second, before));
        unsampled.saveAll(List.of(second, first));

        assertThat(unsampled.countSince(START, context)).containsExactly(Map.entry(context, 2L));
        assertThat(unsampled.countSince(START, null)).containsEntry(context, 2L);
        assertThat(unsampled.countSince(START, "no-such-context")).containsExactly(Map.entry("no-such-context", 0L));
    }

    @Test
    void replayingTheVerdictsShuffledAndDuplicatedLeavesOneCurrentVerdictPerPairTheLatest() {
        List<String> pairs = correlationIds(50);
        List<Verdict> verdicts = new ArrayList<>();
        for (String pair : pairs) {
            for (int revision = 1; revision <= 3; revision++) {
                verdicts.add(revision(pair, revision, START));
            }
        }
        Random random = new Random(8);
        List<Verdict> replay = new ArrayList<>(verdicts);
        replay.addAll(verdicts.subList(0, 70));
        replay.addAll(verdicts.subList(40, 120));
        Collections.shuffle(replay, random);

        int stored = 0;
        for (List<Verdict> batch : batches(replay, random, 40)) {
            stored += store.saveAll(batch).size();
        }

        assertThat(stored).isEqualTo(verdicts.size());
        assertOneCurrentVerdictPerPair(pairs, 3);
        assertThat(store.saveAll(verdicts)).as("stored again").isEmpty();
        assertOneCurrentVerdictPerPair(pairs, 3);
    }

    @Test
    void twoWritersStoringTheSameVerdictsAtOnceLeaveOneCurrentVerdictPerPair() throws Exception {
        List<String> pairs = correlationIds(100);
        List<Verdict> verdicts = new ArrayList<>();
        for (String pair : pairs) {
            for (int revision = 1; revision <= 3; revision++) {
                verdicts.add(revision(pair, revision, START));
            }
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (long seed : new long[] {1, 2}) {
                results.add(writers.submit(() -> {
                    Random random = new Random(seed);
                    List<Verdict> replay = new ArrayList<>(verdicts);
                    Collections.shuffle(replay, random);
                    start.await();
                    int stored = 0;
                    for (List<Verdict> batch : batches(replay, random, 25)) {
                        stored += store.saveAll(batch).size();
                    }
                    return stored;
                }));
            }
            int stored = 0;
            for (Future<Integer> result : results) {
                stored += result.get(2, TimeUnit.MINUTES);
            }
            assertThat(stored).as("each verdict stored by exactly one writer").isEqualTo(verdicts.size());
        } finally {
            writers.shutdownNow();
        }
        assertOneCurrentVerdictPerPair(pairs, 3);
    }

    @Test
    void aLaterVerdictThatArrivesFirstStaysCurrentAndTheEarlierOneGoesToTheHistory() {
        String pair = UUID.randomUUID().toString();
        Verdict late = revision(pair, 2, START);
        Verdict missing = revision(pair, 1, START);

        store.saveAll(List.of(late));
        store.saveAll(List.of(missing));

        List<StoredVerdict> history = store.findByCorrelationId(pair);
        assertThat(history).hasSize(2);
        assertThat(history).filteredOn(StoredVerdict::current).singleElement()
                .satisfies(v -> assertThat(v.verdict().verdictId()).isEqualTo(late.verdictId()));
        assertThat(history).filteredOn(v -> !v.current()).singleElement()
                .satisfies(v -> assertThat(v.supersededBy()).isEqualTo(late.verdictId()));
    }

    @Test
    void aBatchMixingStoredVerdictsCurrentAndSupersededWithNewOnesStoresOnlyTheNewOnesAndOneCurrent() {
        String pair = UUID.randomUUID().toString();
        Verdict first = revision(pair, 1, START);
        Verdict second = revision(pair, 2, START);
        Verdict third = revision(pair, 3, START);
        store.saveAll(List.of(first, second));

        assertThat(store.saveAll(List.of(second, third, first))).as("new").containsExactly(third);
        assertThat(store.saveAll(List.of(first, second))).as("all stored before").isEmpty();
        assertThat(store.saveAll(List.of(third))).as("the current one again").isEmpty();

        List<StoredVerdict> history = store.findByCorrelationId(pair);
        assertThat(history).hasSize(3);
        assertThat(history).filteredOn(StoredVerdict::current).singleElement()
                .satisfies(v -> assertThat(v.verdict().verdictId()).isEqualTo(third.verdictId()));
        // a stored verdict is left as it is: the first still names the second, which the third superseded
        assertThat(history).filteredOn(v -> !v.current())
                .extracting(v -> v.verdict().verdictId(), StoredVerdict::supersededBy)
                .containsExactlyInAnyOrder(tuple(first.verdictId(), second.verdictId()),
                        tuple(second.verdictId(), third.verdictId()));
        assertOneCurrentVerdictPerPair(List.of(pair), 3);
    }

    @Test
    void plansTheBatchsStatementsForTheirArgumentsNotWithAPlanCachedWhileTheTableWasSmall() {
        PlanCacheModeProbe probe = context.getBean(PlanCacheModeProbe.class);
        probe.modes.clear();

        store.saveAll(List.of(revision(UUID.randomUUID().toString(), 1, START)));

        assertThat(probe.modes).containsExactly("force_custom_plan");
        assertThat(jdbc.queryForObject("SELECT current_setting('plan_cache_mode')", String.class))
                .as("outside the batch's transaction").isNotEqualTo("force_custom_plan");
    }

    @Test
    void theSchemaRefusesASecondCurrentVerdictForAPair() {
        String pair = UUID.randomUUID().toString();
        store.saveAll(List.of(revision(pair, 1, START)));

        assertThatThrownBy(() -> jdbc.update("INSERT INTO verdict (verdict_id, revision, correlation_id, context, "
                + "outcome_type, classification, severity, differences, rule_set_version, decided_at) "
                + "VALUES (?, 2, ?, 'claims', ?, 'MATCH', 'NONE', '[]', ?, now())", UUID.randomUUID(), pair,
                VerdictFixtures.OUTCOME_TYPE, VerdictFixtures.RULE_SET))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("verdict_one_current_per_pair");
    }

    @Test
    void storesAVerdictWithOneSideOrNeither() {
        String pair = UUID.randomUUID().toString();
        Verdict neither = new Verdict(VerdictFixtures.verdictId(pair, "PaymentDecided", 1), 1, null, pair, "claims",
                "PaymentDecided", Classification.FAILED, Severity.NONE, null, VerdictFixtures.RULE_SET, null, null,
                START, null, null, null, null, null);
        Verdict oneSide = revision(pair, 1, START);

        assertThat(store.saveAll(List.of(neither, oneSide))).hasSize(2);

        assertThat(store.findByCorrelationId(pair)).extracting(StoredVerdict::verdict)
                .containsExactlyInAnyOrder(neither, oneSide);
    }

    @Test
    void theMigrationRepairsPairsThatAnOutOfOrderReplayLeftWithTwoCurrentVerdicts() {
        TestDatabase database = TestDatabases.create("verdict_repair");
        flyway(database, "2").migrate();
        var dataSource = dataSource(database);
        try {
            var before = new JdbcTemplate(dataSource);
            String pair = UUID.randomUUID().toString();
            for (int revision = 1; revision <= 2; revision++) {
                before.update("INSERT INTO verdict (verdict_id, revision, correlation_id, context, outcome_type, "
                        + "classification, severity, differences, rule_set_version, decided_at) "
                        + "VALUES (?::uuid, ?, ?, 'claims', ?, 'MATCH', 'NONE', '[]', ?, now())",
                        VerdictFixtures.verdictId(pair, VerdictFixtures.OUTCOME_TYPE, revision), revision, pair,
                        VerdictFixtures.OUTCOME_TYPE, VerdictFixtures.RULE_SET);
            }

            flyway(database, null).migrate();

            assertThat(before.queryForList("SELECT revision, superseded_by::text AS superseded_by FROM verdict "
                    + "WHERE correlation_id = ? ORDER BY revision", pair))
                    .extracting(row -> row.get("revision"), row -> row.get("superseded_by"))
                    .containsExactly(
                            tuple(1, VerdictFixtures.verdictId(pair, VerdictFixtures.OUTCOME_TYPE, 2)),
                            tuple(2, null));
        } finally {
            dataSource.close();
        }
    }

    private static void assertOneCurrentVerdictPerPair(List<String> pairs, int revisions) {
        for (String pair : pairs) {
            List<StoredVerdict> rows = store.findByCorrelationId(pair);
            assertThat(rows).as(pair).hasSize(revisions);
            assertThat(rows).as(pair).filteredOn(StoredVerdict::current).singleElement()
                    .satisfies(v -> assertThat(v.verdict().revision()).isEqualTo(revisions));
            assertThat(rows).as(pair).filteredOn(v -> !v.current())
                    .allSatisfy(v -> assertThat(v.supersededBy()).isNotNull());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM verdict WHERE superseded_by IS NULL "
                + "AND correlation_id = ANY(?)", Long.class, (Object) pairs.toArray(String[]::new)))
                .isEqualTo(pairs.size());
    }

    private static List<List<Verdict>> batches(List<Verdict> verdicts, Random random, int maxSize) {
        List<List<Verdict>> batches = new ArrayList<>();
        for (int from = 0; from < verdicts.size(); ) {
            int to = Math.min(verdicts.size(), from + 1 + random.nextInt(maxSize));
            batches.add(verdicts.subList(from, to));
            from = to;
        }
        return batches;
    }

    private static List<String> correlationIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static Flyway flyway(TestDatabase database, String target) {
        var configuration = Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .schemas("reconciliation").defaultSchema("reconciliation")
                .locations("classpath:db/migration/reconciliation");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private static HikariDataSource dataSource(TestDatabase database) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setSchema("reconciliation");
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    @Import(VerdictStore.class)
    static class StoreConfig {

        static TestDatabase database;

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            return VerdictStoreIT.dataSource(database);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        PlanCacheModeProbe planCacheModeProbe(JdbcTemplate jdbc) {
            return new PlanCacheModeProbe(jdbc);
        }
    }

    /** Reads the plan cache mode inside the transaction that stores new verdicts. */
    static final class PlanCacheModeProbe implements VerdictFollowUp {
        final List<String> modes = new CopyOnWriteArrayList<>();
        private final JdbcTemplate jdbc;

        PlanCacheModeProbe(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void stored(List<Verdict> stored) {
            modes.add(jdbc.queryForObject("SELECT current_setting('plan_cache_mode')", String.class));
        }
    }
}
