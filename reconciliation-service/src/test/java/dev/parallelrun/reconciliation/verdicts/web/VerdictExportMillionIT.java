package dev.parallelrun.reconciliation.verdicts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictFixtures;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Constant memory, proven: a million stored verdicts exported as NDJSON by a service whose JVM (this test's, server
 * and client alike) has a heap several times smaller than the export. Runs in its own failsafe execution with
 * {@code -Xmx256m} (reconciliation-service/pom.xml, execution {@code export-constant-memory}); the response is
 * counted as it streams, never held.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class VerdictExportMillionIT {

    private static final int ROWS = 1_000_000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "export_million");
        String stateDir = Files.createTempDirectory("export-million-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final EventCodec codec = EventCodec.standard();

    @Test
    void exportsAMillionVerdictsWithAHeapSeveralTimesSmallerThanTheExport() throws Exception {
        long started = System.nanoTime();
        // a bulk load as a database administrator would do it: the secondary indexes and the foreign key are dropped
        // for the load and built again afterwards, exactly as the migrations left them (one sorted build each
        // instead of a million incremental updates)
        List<String> indexes = jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                + "AND tablename = 'verdict' AND indexname <> 'verdict_pkey'", String.class);
        List<Map<String, Object>> foreignKeys = jdbc.queryForList("SELECT conname, pg_get_constraintdef(oid) AS def "
                + "FROM pg_constraint WHERE conrelid = 'verdict'::regclass AND contype = 'f'");
        assertThat(indexes).isNotEmpty();
        jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'verdict' "
                + "AND indexname <> 'verdict_pkey'", String.class).forEach(name -> jdbc.execute("DROP INDEX " + name));
        foreignKeys.forEach(fk -> jdbc.execute("ALTER TABLE verdict DROP CONSTRAINT " + fk.get("conname")));
        // one statement, in the database: verdict n decided n seconds after the start, so n = ROWS is the newest;
        // ids in load order (the primary key is kept); the shadow outcome differs from legacy's in riskScore
        int inserted = jdbc.update("""
                INSERT INTO verdict (verdict_id, revision, correlation_id, context, outcome_type, classification, severity,
                    differences, rule_set_version, legacy_received_at, shadow_received_at, decided_at, legacy_event_id,
                    shadow_event_id, legacy_outcome, shadow_outcome)
                SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 1, 'corr-' || lpad(n::text, 7, '0'), 'claims', 'ClaimAssessed',

                    'MISMATCH', 'HIGH',
                    jsonb_build_array(jsonb_build_object('path', '/riskScore', 'legacy', n % 97, 'shadow', n % 97 + 1,
                        'comparator', 'numeric', 'withinTolerance', false, 'variance', null, 'severity', 'HIGH')),
                    ?, t - interval '2 seconds', t - interval '1 second', t, 'legacy-' || n, 'shadow-' || n,
                    legacy, legacy || jsonb_build_object('riskScore', n % 97 + 1)
                FROM generate_series(1, ?) AS n,
                    LATERAL (SELECT timestamptz '2026-01-01T00:00:00Z' + n * interval '1 second' AS t,
                        jsonb_build_object('claimId', 'CLM-' || n, 'policyRef', 'POL-' || (n % 5000),
                            'fraudDecision', 'CLEAR', 'riskScore', n % 97,
                            'payout', jsonb_build_object('amount', (n % 1000) * 10.5, 'currency', 'EUR'),
                            'claimant', 'hmac:' || md5('claimant-' || n), 'reasonCodes', jsonb_build_array('R1', 'R7'))
                            AS legacy) AS generated
                """, VerdictFixtures.RULE_SET, ROWS);
        indexes.forEach(jdbc::execute);
        foreignKeys.forEach(fk -> jdbc.execute("ALTER TABLE verdict ADD CONSTRAINT " + fk.get("conname") + " " + fk.get("def")));
        jdbc.execute("ANALYZE verdict");
        assertThat(inserted).isEqualTo(ROWS);
        long stored = System.nanoTime();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/reconciliations/export?context=claims"))
                .header("Accept", "application/x-ndjson")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "auditor:auditor".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        long lines = 0;
        String first = null;
        String last = null;
        CountingInputStream counted = new CountingInputStream(response.body());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (first == null) {
                    first = line;
                }
                last = line;
                lines++;
            }
        }
        long exported = System.nanoTime();

        long heap = Runtime.getRuntime().maxMemory();
        System.out.printf("export of %d verdicts: %d bytes of NDJSON, max heap %d bytes; insert %d ms, export %d ms%n",
                lines, counted.count, heap, (stored - started) / 1_000_000, (exported - stored) / 1_000_000);
        assertThat(lines).isEqualTo(ROWS);
        assertThat(counted.count).as("the export must dwarf the heap (run with -Xmx256m, as the export-constant-memory "
                + "failsafe execution does)").isGreaterThan(3 * heap);
        JsonNode newest = codec.mapper().readTree(first);
        JsonNode oldest = codec.mapper().readTree(last);
        assertThat(newest.get("correlationId").asString()).isEqualTo("corr-1000000");
        assertThat(newest.get("decidedAt").asString()).isEqualTo("2026-01-12T13:46:40Z");
        assertThat(newest.get("legacy").get("claimId").asString()).isEqualTo("CLM-1000000");
        assertThat(newest.get("differences").get(0).get("shadow").asInt()).isEqualTo(1000000 % 97 + 1);
        assertThat(oldest.get("correlationId").asString()).isEqualTo("corr-0000001");
        assertThat(oldest.get("decidedAt").asString()).isEqualTo("2026-01-01T00:00:01Z");
    }

    /** Counts the bytes that pass, holding none. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
