package dev.parallelrun.adapter.claims.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.testsupport.TestDatabases;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A legacy-adapter database from before the participant kit (its V1 and V2, with a decided intent and one whose
 * legacy call was in flight) takes V3 and the kit's migration and keeps its data; the in-flight intent can then be
 * completed the kit's way.
 */
class ExistingSchemaMigrationIT {

    private static final String OWN = "classpath:db/migration/legacy_adapter";
    private static final String KIT = "classpath:db/participant";

    @Test
    void keepsDecidedAndInFlightIntentsAndLetsTheKitCompleteTheInFlightOne() {
        TestDatabases.TestDatabase database = TestDatabases.create("adapter_existing_schema");
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        Flyway.configure().dataSource(dataSource).schemas("legacy_adapter").defaultSchema("legacy_adapter")
                .locations(OWN).target("2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant decidedAt = Instant.parse("2026-11-02T09:15:31Z");
        jdbc.sql("INSERT INTO legacy_adapter.processed_intent (intent_event_id, correlation_id, legacy_request_key, "
                + "outcomes, processed_at, first_attempt_at) VALUES ('decided', 'corr-1', 'decided', CAST('[]' AS json), ?, ?)")
                .params(Timestamp.from(decidedAt), Timestamp.from(decidedAt)).update();
        jdbc.sql("INSERT INTO legacy_adapter.processed_intent (intent_event_id, correlation_id, legacy_request_key, "
                + "first_attempt_at) VALUES ('in-flight', 'corr-2', 'in-flight', ?)")
                .param(Timestamp.from(decidedAt)).update();

        Flyway.configure().dataSource(dataSource).schemas("legacy_adapter").defaultSchema("legacy_adapter")
                .locations(OWN, KIT).load().migrate();

        assertThat(jdbc.sql("SELECT received_at FROM legacy_adapter.processed_intent WHERE intent_event_id = 'decided'")
                .query(Timestamp.class).single().toInstant()).isEqualTo(decidedAt);
        // the kit's completion of a row the adapter recorded before the call (as JdbcProcessedIntents does it)
        int stored = jdbc.sql("""
                        INSERT INTO legacy_adapter.processed_intent (intent_event_id, correlation_id, outcomes,
                                                                     processed_at, received_at)
                        VALUES ('in-flight', 'corr-2', CAST('[]' AS json), now(), now())
                        ON CONFLICT (intent_event_id) DO UPDATE
                            SET outcomes = EXCLUDED.outcomes, processed_at = EXCLUDED.processed_at
                            WHERE processed_intent.outcomes IS NULL""").update();
        assertThat(stored).isOne();
        assertThat(jdbc.sql("SELECT legacy_request_key FROM legacy_adapter.processed_intent WHERE outcomes IS NOT NULL "
                + "ORDER BY intent_event_id").query(String.class).list()).isEqualTo(List.of("decided", "in-flight"));
        // and a new attempt is recorded as before
        var attempts = new JdbcLegacyAttempts(JdbcClient.create(dataSourceIn(database)),
                Clock.fixed(decidedAt, ZoneOffset.UTC));
        assertThat(attempts.recordAttempt("new", "corr-3", "new")).isEqualTo("new");
    }

    private static DriverManagerDataSource dataSourceIn(TestDatabases.TestDatabase database) {
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        dataSource.setSchema("legacy_adapter");
        return dataSource;
    }
}
