package dev.parallelrun.reconciliation.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The access log on the whole service (real PostgreSQL, the shared in-process broker): a person's reads of verdicts
 * and evidence each leave one entry (who, with which roles, what, when, the answer), the metrics scraper's and
 * refused requests leave none, reading the log is itself logged, only admins read it, page by page, and nobody
 * changes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class AccessLogIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "access_log");
        String stateDir = Files.createTempDirectory("access-log-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerdictStore verdicts;

    @Autowired
    RuleSetStore ruleSets;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAuditorsReadsOfAVerdictAndAnEvidencePackAreRecordedWithWhoAndWhat() throws Exception {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String correlationId = storeVerdict("2026-11-02T10:05:00Z");
        double entriesBefore = entriesMetric();

        assertThat(get("/api/v1/reconciliations/" + correlationId, "auditor").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/evidence/claims?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z", "auditor")
                .statusCode()).isEqualTo(200);
        // not reads by a person of verdicts, cases or evidence: the scraper, a refused request, match rates
        assertThat(get("/actuator/prometheus", "metrics").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/reconciliations/" + correlationId, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/match-rates", "auditor").statusCode()).isEqualTo(200);

        JsonNode entries = await().atMost(Duration.ofSeconds(10)).until(
                () -> json(get("/api/v1/access-log?user=auditor&from=" + start, "admin")).get("items"), items -> items.size() >= 2);
        assertThat(entries).hasSize(2);
        JsonNode evidence = entries.get(0);
        assertThat(evidence.get("user").asString()).isEqualTo("auditor");
        assertThat(evidence.get("roles").toString()).isEqualTo("[\"AUDITOR\"]");
        assertThat(evidence.get("method").asString()).isEqualTo("GET");
        assertThat(evidence.get("path").asString()).isEqualTo("/api/v1/evidence/claims");
        assertThat(evidence.get("query").asString()).isEqualTo("from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z");
        assertThat(evidence.get("status").asInt()).isEqualTo(200);
        JsonNode verdict = entries.get(1);
        assertThat(verdict.get("path").asString()).isEqualTo("/api/v1/reconciliations/" + correlationId);
        assertThat(verdict.get("query").isNull()).isTrue();
        Instant at = Instant.parse(verdict.get("at").asString());
        assertThat(at).isBetween(start, Instant.now());
        assertThat(Instant.parse(evidence.get("at").asString())).isAfterOrEqualTo(at);

        List<String> users = new ArrayList<>();
        json(get("/api/v1/access-log", "admin")).get("items").forEach(entry -> users.add(entry.get("user").asString()));
        assertThat(users).as("the scraper and the refused anonymous read left nothing; the admin's reads of the log did")
                .doesNotContain("metrics", "anonymousUser").contains("admin", "auditor");
        JsonNode ownRead = json(get("/api/v1/access-log?user=admin&limit=1", "admin")).get("items").get(0);
        assertThat(ownRead.get("path").asString()).isEqualTo("/api/v1/access-log");
        assertThat(ownRead.get("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(entriesMetric() - entriesBefore).as("parallelrun_access_log_entries_total").isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyAdminsReadTheAccessLog() throws Exception {
        assertThat(get("/api/v1/access-log", "auditor").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/access-log", "operator").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/access-log", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/access-log", "admin").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesRunNewestFirstWithoutGapsOrRepeats() throws Exception {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/replays/" + UUID.randomUUID() + "/verdicts", "operator").statusCode()).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(get("/api/v1/access-log?user=operator&from=" + start,
                "admin")).get("items").size() == 5);
        List<String> paths = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(get("/api/v1/access-log?user=operator&limit=2&from=" + start
                    + (cursor == null ? "" : "&cursor=" + cursor), "admin"));
            page.get("items").forEach(entry -> paths.add(entry.get("path").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(paths).hasSize(5).doesNotHaveDuplicates().allMatch(path -> path.matches("/api/v1/replays/[-0-9a-f]+/verdicts"));
        JsonNode all = json(get("/api/v1/access-log?user=operator&from=" + start, "admin")).get("items");
        List<String> newestFirst = new ArrayList<>();
        all.forEach(entry -> newestFirst.add(entry.get("path").asString()));
        assertThat(paths).isEqualTo(newestFirst);
        assertThat(all.get(0).get("status").asInt()).as("a read that found nothing is a read too").isEqualTo(404);
        assertThat(json(get("/api/v1/access-log?user=operator&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
                "admin")).get("items")).isEmpty();
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        assertProblem("/api/v1/access-log?limit=0", "limit");
        assertProblem("/api/v1/access-log?limit=many", "limit");
        assertProblem("/api/v1/access-log?from=yesterday", "from");
        assertProblem("/api/v1/access-log?to=2026-13-01T00:00:00Z", "to");
        assertProblem("/api/v1/access-log?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from");
        assertProblem("/api/v1/access-log?cursor=bm90LWEtY3Vyc29y", "cursor");
        assertProblem("/api/v1/access-log?cursor=%25%25", "cursor");
    }

    @Test
    void theDatabaseRefusesToChangeOrForgetAnEntry() throws Exception {
        get("/api/v1/reconciliations", "auditor");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM access_log", Long.class) > 0);

        assertThatThrownBy(() -> jdbc.update("UPDATE access_log SET username = 'someone else'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM access_log")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE access_log")).hasMessageContaining("append-only");
    }

    private void assertProblem(String path, String parameter) throws Exception {
        HttpResponse<String> response = get(path, "admin");
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(codec.mapper().readTree(response.body()).get("parameter").asString()).as(path).isEqualTo(parameter);
    }

    private double entriesMetric() throws Exception {
        Matcher value = Pattern.compile("(?m)^parallelrun_access_log_entries_total\\{[^}]*} (\\S+)$")
                .matcher(get("/actuator/prometheus", "metrics").body());
        assertThat(value.find()).as("parallelrun_access_log_entries_total is exported").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private String storeVerdict(String decidedAt) {
        Instant at = Instant.parse(decidedAt);
        String correlationId = UUID.randomUUID().toString();
        String ruleSet = ruleSets.findAll().stream().filter(r -> r.context().equals("claims")).findFirst().orElseThrow()
                .version();
        JsonNode outcome = codec.tree(Map.of("claimId", "CLM-1001"));
        verdicts.saveAll(List.of(new Verdict(UUID.randomUUID().toString(), 1, null, correlationId, "claims",
                "ClaimAssessed", Classification.MATCH, Severity.NONE, List.of(), ruleSet, at.minusSeconds(2),
                at.minusSeconds(1), at, "legacy-" + correlationId, "shadow-" + correlationId, outcome, outcome, null)));
        return correlationId;
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }
}
