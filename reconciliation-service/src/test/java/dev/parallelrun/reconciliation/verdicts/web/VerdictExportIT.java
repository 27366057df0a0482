package dev.parallelrun.reconciliation.verdicts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictFixtures;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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
 * The export against the list it exports: the same verdicts in the same order with the same fields, as NDJSON
 * and as RFC 4180 CSV, the list's 400 problems for bad filters, 406 for formats it does not write, and the list's
 * access rule. Constant memory is {@code VerdictExportMillionIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class VerdictExportIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "export");
        String stateDir = Files.createTempDirectory("export-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerdictStore store;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void someVerdicts() {
        jdbc.update("DELETE FROM verdict");
        // a value with every character CSV must quote: comma, quote, line break
        store.saveAll(List.of(
                verdict("c-1", 1, null, "claims", Classification.MISSING_SHADOW, Severity.HIGH, T0.plusSeconds(1), null,
                        "plain"),
                verdict("c-1", 2, "c-1", "claims", Classification.MISMATCH, Severity.HIGH, T0.plusSeconds(5), null,
                        "says \"no\",\r\nthen yes"),
                verdict("c-2", 1, null, "claims", Classification.MATCH, Severity.NONE, T0.plusSeconds(2), null, "a,b"),
                verdict("c-3", 1, null, "claims", Classification.MISMATCH, Severity.LOW, T0.plusSeconds(3), null, "x"),
                verdict("q-1", 1, null, "quotes", Classification.MISMATCH, Severity.CRITICAL, T0.plusSeconds(4), null,
                        "y"),
                // a replay's verdict: never live traffic, never exported
                verdict("r-1", 1, null, "claims", Classification.MISMATCH, Severity.HIGH, T0.plusSeconds(6),
                        UUID.randomUUID().toString(), "z")));
    }

    @Test
    void exportsTheListsCurrentLiveVerdictsAsNdjsonNewestFirstWithTheListsFields() throws Exception {
        for (String filter : List.of("", "context=claims", "classification=MISMATCH", "context=claims&severity=HIGH",
                "outcomeType=ClaimAssessed&from=2026-11-02T10:00:03Z&to=2026-11-02T10:00:05Z")) {
            HttpResponse<String> export = export(filter, "application/x-ndjson", "auditor");
            assertThat(export.statusCode()).as(filter).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/x-ndjson"));
            assertThat(export.body()).endsWith("\n");
            List<JsonNode> rows = export.body().lines().map(line -> codec.mapper().readTree(line)).toList();
            List<JsonNode> listed = list(filter);
            assertThat(rows).as(filter).isEqualTo(listed);
        }
        List<JsonNode> all = export("", "application/x-ndjson", "auditor").body().lines()
                .map(line -> codec.mapper().readTree(line)).toList();
        // current verdicts only (c-1's first is superseded), live only (not r-1's), newest first
        assertThat(all).extracting(v -> v.get("correlationId").asString()).containsExactly("c-1", "q-1", "c-3", "c-2");
        JsonNode first = all.get(0);
        assertThat(first.get("revision").asInt()).isEqualTo(2);
        assertThat(first.get("ruleSetVersion").asString()).isEqualTo(VerdictFixtures.RULE_SET);
        assertThat(first.get("differences").get(0).get("path").asString()).isEqualTo("/fraudDecision");
        assertThat(first.get("legacy").get("note").asString()).isEqualTo("says \"no\",\r\nthen yes");
        assertThat(first.get("decidedAt").asString()).isEqualTo("2026-11-02T10:00:05Z");
        assertThat(first.has("replayId")).isFalse();
        assertThat(first.has("history")).isFalse();
    }

    @Test
    void exportsCsvWithOneHeaderLineRfc4180QuotingAndJsonColumnsAsJsonText() throws Exception {
        HttpResponse<String> export = export("context=claims", "text/csv", "operator");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv").contains("charset=UTF-8"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).matches("attachment; filename=\"verdicts-\\d{8}T\\d{6}Z\\.csv\""));
        List<List<String>> records = parseCsv(export.body());
        List<String> header = records.get(0);
        assertThat(String.join(",", header) + "\r\n").isEqualTo(VerdictCsv.HEADER);
        List<JsonNode> listed = list("context=claims");
        assertThat(records).hasSize(1 + listed.size());
        for (int i = 0; i < listed.size(); i++) {
            JsonNode expected = listed.get(i);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), records.get(i + 1).get(c));
            }
            for (String column : header) {
                JsonNode value = expected.get(column);
                String cell = row.get(column);
                if (value == null || value.isNull()) {
                    assertThat(cell).as(column).isEmpty();
                } else if (value.isContainer()) {
                    assertThat(codec.mapper().readTree(cell)).as(column).isEqualTo(value);
                } else {
                    assertThat(cell).as(column).isEqualTo(value.asString());
                }
            }
        }
        // the quoted note survives the round trip, line break and doubled quotes included
        assertThat(codec.mapper().readTree(records.get(1).get(header.indexOf("legacy"))).get("note").asString())
                .isEqualTo("says \"no\",\r\nthen yes");
        assertThat(export.body()).contains(",\"{\"\"");
    }

    @Test
    void choosesTheFormatFromAcceptAndRefusesOthersWith406() throws Exception {
        assertThat(export("", "*/*", "auditor").body()).startsWith(VerdictCsv.HEADER);
        assertThat(export("", "application/x-ndjson;q=0.9, text/csv;q=0.5", "auditor").body()).startsWith("{");
        assertThat(export("", "application/x-ndjson", "admin").headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).endsWith(".ndjson\""));
        for (String accept : List.of("application/json", "text/html", "text/csv;q=0")) {
            HttpResponse<String> refused = export("", accept, "auditor");
            assertThat(refused.statusCode()).as(accept).isEqualTo(406);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":406");
        }
    }

    @Test
    void answersBadFiltersWithTheListsProblems() throws Exception {
        for (String[] bad : List.of(new String[] {"classification=SORT_OF", "classification"},
                new String[] {"severity=BAD", "severity"}, new String[] {"from=yesterday", "from"},
                new String[] {"to=2026-13-01T00:00:00Z", "to"})) {
            for (String accept : List.of("text/csv", "application/x-ndjson")) {
                HttpResponse<String> refused = export(bad[0], accept, "auditor");
                assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = codec.mapper().readTree(refused.body());
                assertThat(problem.get("parameter").asString()).isEqualTo(bad[1]);
                assertThat(problem.get("type").asString()).isEqualTo("urn:parallelrun:problem:invalid-query");
            }
        }
    }

    @Test
    void needsAnApiUser() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations/export"))
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations/export"))
                .header("Accept", "text/csv").header("Authorization", basic("auditor", "nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(export("", "text/csv", "auditor").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> export(String filter, String accept, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations/export?" + filter))
                .header("Accept", accept).header("Authorization", basic(user, user)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private List<JsonNode> list(String filter) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/reconciliations?limit=100&" + filter))
                .header("Authorization", basic("auditor", "auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = codec.mapper().readTree(response.body());
        assertThat(page.get("nextCursor").isNull()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    /** An RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF record ends. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("records end in CRLF").isEqualTo('\n');
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare line feed outside quotes").isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(record).as("the last record ends in CRLF").isEmpty();
        assertThat(field).isEmpty();
        return records;
    }

    private Verdict verdict(String correlationId, int revision, String supersedes, String context,
            Classification classification, Severity severity, Instant decidedAt, String replayId, String note) {
        JsonNode legacy = codec.tree(Map.of("claimId", "CLM-" + correlationId, "fraudDecision", "REFER", "note", note));
        JsonNode shadow = codec.tree(Map.of("claimId", "CLM-" + correlationId, "fraudDecision", "CLEAR", "note", note));
        List<Difference> differences = classification == Classification.MISMATCH
                ? List.of(new Difference("/fraudDecision", legacy.get("fraudDecision"), shadow.get("fraudDecision"),
                        "exact", false, severity))
                : List.of();
        return new Verdict(id(correlationId, revision), revision, supersedes == null ? null : id(supersedes, revision - 1),
                correlationId, context, "ClaimAssessed", classification, severity, differences,
                VerdictFixtures.RULE_SET, decidedAt.minusSeconds(1),
                classification == Classification.MISSING_SHADOW ? null : decidedAt.minusMillis(500), decidedAt,
                "legacy-" + correlationId, "shadow-" + correlationId, legacy,
                classification == Classification.MISSING_SHADOW ? null : shadow, replayId);
    }

    private static String id(String correlationId, int revision) {
        return UUID.nameUUIDFromBytes((correlationId + "|" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
