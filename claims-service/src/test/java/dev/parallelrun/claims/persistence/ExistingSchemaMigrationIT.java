package dev.parallelrun.claims.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.testsupport.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A claims-service database from before the participant kit (its own V1 and V2, with data) takes the kit's migration
 * and keeps its data: the service starts on an existing database.
 */
class ExistingSchemaMigrationIT {

    private static final String OWN = "classpath:db/migration/claims_service";
    private static final String KIT = "classpath:db/participant";

    @Test
    void addsTheKitsRetentionColumnToTheExistingTablesAndKeepsTheirRows() {
        TestDatabases.TestDatabase database = TestDatabases.create("claims_existing_schema");
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        migrate(dataSource, OWN);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Instant decidedAt = Instant.parse("2026-11-02T09:15:31Z");
        jdbc.sql("INSERT INTO claims_service.processed_intent (intent_event_id, correlation_id, outcomes, processed_at) "
                + "VALUES ('intent-1', 'corr-1', CAST('[]' AS json), ?)").param(Timestamp.from(decidedAt)).update();
        jdbc.sql("INSERT INTO claims_service.side_effect (id, intent_event_id, correlation_id, type, payload, status, "
                + "created_at) VALUES (gen_random_uuid(), 'intent-1', 'corr-1', 'PAYMENT_INSTRUCTION', "
                + "CAST('{}' AS jsonb), 'SUPPRESSED', ?)").param(Timestamp.from(decidedAt)).update();

        migrate(dataSource, OWN, KIT);

        assertThat(jdbc.sql("SELECT received_at FROM claims_service.processed_intent WHERE intent_event_id = 'intent-1'")
                .query(Timestamp.class).single().toInstant()).isEqualTo(decidedAt);
        assertThat(jdbc.sql("SELECT count(*) FROM claims_service.side_effect").query(Integer.class).single()).isOne();
    }

    private static void migrate(DriverManagerDataSource dataSource, String... locations) {
        Flyway.configure().dataSource(dataSource).schemas("claims_service").defaultSchema("claims_service")
                .locations(locations).load().migrate();
    }
}
