package dev.parallelrun.reconciliation.rules.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.persistence.RuleSetStore;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import dev.parallelrun.reconciliation.verdicts.persistence.VerdictStore;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
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
 * What-if rules on the whole service (real PostgreSQL, the shared in-process broker): a candidate that loosens a
 * tolerance turns exactly the pairs within it from MISMATCH to TOLERATED, counts what it cannot re-compare, names
 * the masked path, leaves every official verdict as it was, and ignores replays; bad requests store nothing; an
 * activation records the what-if report run on its file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
class WhatIfIT {

    private static final int TOLERANCE = 5;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "whatif");
        String stateDir = Files.createTempDirectory("whatif-streams").toString();
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
    void aLoosenedToleranceTurnsExactlyThePairsWithinItIntoTolerated() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String from = "2026-10-01T00:00:00Z";
        String to = "2026-10-02T00:00:00Z";
        Instant start = Instant.parse(from);
        Set<String> becomeTolerated = new java.util.HashSet<>();
        int expectedUnchanged = 0;
        int pairs = 60;
        for (int i = 0; i < pairs; i++) {
            int difference = random.nextInt(11); // 0..10: within the candidate's tolerance of 5 or beyond it
            String correlationId = "wi-" + i + "-" + UUID.randomUUID();
            storeLive(correlationId, start.plusSeconds(60L * i), 40, 40 + difference,
                    difference == 0 ? Classification.MATCH : Classification.MISMATCH, null);
            if (difference > 0 && difference <= TOLERANCE) {
                becomeTolerated.add(correlationId);
            } else {
                expectedUnchanged++;
            }
        }
        // late and equivalent: stays TIMING under the candidate
        storeLive("wi-timing-" + UUID.randomUUID(), start.plusSeconds(5000), 40, 40, Classification.TIMING, null);
        expectedUnchanged++;
        // not a comparison: skipped, never a change
        storeLive("wi-failed-" + UUID.randomUUID(), start.plusSeconds(5100), 40, 41, Classification.FAILED, null);
        // differed at the masked /claimant/name: both stored sides read ***, so it cannot be re-compared
        storeLive("wi-masked-" + UUID.randomUUID(), start.plusSeconds(5200), 40, 40, Classification.MISMATCH,
                "/claimant/name");
        // a replay's verdict (would become TOLERATED) and a verdict after the period are not part of it
        storeReplay("wi-replay-" + UUID.randomUUID(), start.plusSeconds(5300), 40, 43);
        storeLive("wi-after-" + UUID.randomUUID(), Instant.parse(to), 40, 43, Classification.MISMATCH, null);

        List<Map<String, Object>> before = verdictRows();
        long reportsBefore = reports();

        Response response = post("claims", from, to, candidate("claims-2-looser"), "operator");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode report = response.json();
        assertThat(report.get("candidateVersion").asString()).startsWith("claims-2-looser@sha256:");
        assertThat(report.get("baseVersion").asString()).isEqualTo(claimsRuleSet());
        int expectedCompared = becomeTolerated.size() + expectedUnchanged;
        assertThat(report.get("compared").asLong()).as("seed %d", seed).isEqualTo(expectedCompared);
        assertThat(report.get("unchanged").asLong()).as("seed %d", seed).isEqualTo(expectedUnchanged);
        assertThat(report.get("baseVersions").get(claimsRuleSet()).asLong()).isEqualTo(expectedCompared);
        assertThat(report.get("skipped").asLong()).isEqualTo(2);
        assertThat(report.get("skippedByReason").get("notBothCompleted").asLong()).isEqualTo(1);
        assertThat(report.get("skippedByReason").get("differedAtRedactedPath").asLong()).isEqualTo(1);
        JsonNode changes = report.get("changes");
        long changed = StreamSupport.stream(changes.spliterator(), false).mapToLong(c -> c.get("count").asLong()).sum();
        assertThat(report.get("unchanged").asLong() + changed).isEqualTo(report.get("compared").asLong());
        if (becomeTolerated.isEmpty()) {
            assertThat(changes).as("seed %d", seed).isEmpty();
        } else {
            assertThat(changes).as("seed %d", seed).hasSize(1);
            JsonNode change = changes.get(0);
            assertThat(change.get("from").asString()).isEqualTo("MISMATCH");
            assertThat(change.get("to").asString()).isEqualTo("TOLERATED");
            assertThat(change.get("count").asLong()).as("seed %d", seed).isEqualTo(becomeTolerated.size());
            List<String> examples = StreamSupport.stream(change.get("examples").spliterator(), false)
                    .map(JsonNode::asString).toList();
            assertThat(examples).hasSize(Math.min(10, becomeTolerated.size())).doesNotHaveDuplicates();
            assertThat(becomeTolerated).containsAll(examples);
        }
        assertThat(report.get("notComparable")).anySatisfy(entry -> {
            assertThat(entry.get("path").asString()).isEqualTo("/claimant/name");
            assertThat(entry.get("action").asString()).isEqualTo("MASK");
            assertThat(entry.get("reason").asString()).contains(claimsRuleSet());
        });
        assertThat(report.get("notComparable")).as("a keyed hash keeps equality comparable")
                .noneSatisfy(entry -> assertThat(entry.get("path").asString()).isEqualTo("/claimant/email"));

        assertThat(verdictRows()).as("official verdicts are untouched").isEqualTo(before);
        assertThat(reports()).isEqualTo(reportsBefore + 1);
        Response stored = get("/api/v1/rule-sets/what-if/" + report.get("reportId").asString(), "auditor");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json()).isEqualTo(report);
        assertThat(response.location()).endsWith("/api/v1/rule-sets/what-if/" + report.get("reportId").asString());
        assertThatThrownBy(() -> jdbc.update("DELETE FROM what_if_report")).hasMessageContaining("append-only");
    }

    @Test
    void refusesBadRequestsWithProblemDetailsAndStoresNothing() throws Exception {
        String from = "2026-10-05T00:00:00Z";
        String to = "2026-10-06T00:00:00Z";
        long reportsBefore = reports();

        Response reversed = post("claims", to, from, candidate("claims-3"), "operator");
        Response unknown = post("no-such-context", from, to, candidate("claims-3"), "operator");
        Response malformed = post("claims", from, to, candidate("claims-3").replace("comparator: numeric",
                "comparator: numerical"), "admin");
        Response otherContext = post("pricing", from, to, candidate("claims-3"), "operator");
        Response auditor = post("claims", from, to, candidate("claims-3"), "auditor");
        Response anonymous = post("claims", from, to, candidate("claims-3"), null);

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(reversed.json().get("parameter").asString()).isEqualTo("from");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("parameter").asString()).isEqualTo("context");
        assertThat(unknown.json().get("detail").asString()).contains("no-such-context", "claims");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("title").asString()).isEqualTo("Invalid candidate rule set");
        assertThat(malformed.json().get("detail").asString()).contains("numerical", "/riskScore");
        assertThat(malformed.json().get("rule").asString()).contains("outcomeTypes.ClaimAssessed.fields[2]");
        assertThat(otherContext.status()).isEqualTo(422);
        assertThat(otherContext.contentType()).startsWith("application/problem+json");
        assertThat(otherContext.json().get("title").asString()).isEqualTo("Candidate for another context");
        assertThat(otherContext.json().get("detail").asString()).contains("'claims'", "'pricing'");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(reports()).as("nothing stored").isEqualTo(reportsBefore);
        assertThat(get("/api/v1/rule-sets/what-if/" + UUID.randomUUID(), "auditor").status()).isEqualTo(404);
    }

    @Test
    void anActivationRecordsTheWhatIfReportRunOnExactlyItsFile() throws Exception {
        String content = candidate("claims-4-approved");
        RuleSet approved = RuleSetParser.parse("rules/claims.yml", content.getBytes(StandardCharsets.UTF_8));
        RuleSet unapproved = RuleSetParser.parse("rules/claims.yml",
                candidate("claims-4-untried").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> ruleSets.activate(List.of(unapproved), Instant.now(), ruleSet -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(unapproved.version())
                .hasMessageContaining("no what-if report was run on this file");
        assertThat(ruleSets.find(unapproved.version())).as("nothing stored").isEmpty();

        String reportId = post("claims", "2026-10-07T00:00:00Z", "2026-10-08T00:00:00Z", content, "admin").json()
                .get("reportId").asString();
        ruleSets.activate(List.of(approved), Instant.now(), ruleSet -> true);
        ruleSets.activate(List.of(unapproved), Instant.now(), ruleSet -> false);

        assertThat(ruleSets.activationRecords(approved.version())).singleElement()
                .satisfies(a -> assertThat(a.whatIfReportId()).isEqualTo(reportId));
        assertThat(ruleSets.activationRecords(unapproved.version())).singleElement()
                .satisfies(a -> assertThat(a.whatIfReportId()).isNull());
        JsonNode detail = get("/api/v1/rule-sets/" + approved.version(), "auditor").json();
        assertThat(detail.get("activations").get(0).get("whatIfReportId").asString()).isEqualTo(reportId);
        assertThat(detail.get("activations").get(0).get("activatedAt").asString()).isNotBlank();
        JsonNode inForce = get("/api/v1/rule-sets/" + claimsRuleSet(), "auditor").json();
        assertThat(inForce.get("activations").get(0).get("whatIfReportId").isNull())
                .as("started without a what-if (require-what-if is off)").isTrue();
    }

    /** The service's claims rules under another declared version, with a tolerance of 5 on /riskScore. */
    private static String candidate(String version) throws IOException {
        String claims;
        try (InputStream in = WhatIfIT.class.getResourceAsStream("/rules/claims.yml")) {
            claims = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String loosened = claims.replace("version: claims-1", "version: " + version)
                .replace("comparator: numeric\n        severity: MEDIUM",
                        "comparator: numeric\n        absolute: " + TOLERANCE + "\n        severity: MEDIUM");
        assertThat(loosened).contains("absolute: " + TOLERANCE, "version: " + version);
        return loosened;
    }

    private void storeLive(String correlationId, Instant at, int legacyScore, int shadowScore,
            Classification classification, String differencePath) {
        store(correlationId, at, legacyScore, shadowScore, classification, differencePath, null);
    }

    private void storeReplay(String correlationId, Instant at, int legacyScore, int shadowScore) {
        store(correlationId, at, legacyScore, shadowScore, Classification.MISMATCH, null, "replay-" + UUID.randomUUID());
    }

    private void store(String correlationId, Instant at, int legacyScore, int shadowScore, Classification classification,
            String differencePath, String replayId) {
        List<Difference> differences = new ArrayList<>();
        if (legacyScore != shadowScore) {
            differences.add(new Difference("/riskScore", codec.tree(legacyScore), codec.tree(shadowScore), "numeric",
                    false, Severity.MEDIUM));
        }
        if (differencePath != null) {
            differences.add(new Difference(differencePath, codec.tree("***"), codec.tree("***"), "exact", false,
                    Severity.HIGH));
        }
        verdicts.saveAll(List.of(new Verdict(UUID.randomUUID().toString(), 1, null, correlationId, "claims",
                "ClaimAssessed", classification, differences.isEmpty() ? Severity.NONE : Severity.MEDIUM, differences,
                claimsRuleSet(), at.minusSeconds(2), at.minusSeconds(1), at, "legacy-" + correlationId,
                "shadow-" + correlationId, outcome(legacyScore), outcome(shadowScore), replayId)));
    }

    private JsonNode outcome(int riskScore) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("claimId", "CLM-1001");
        outcome.put("fraudDecision", "CLEAR");
        outcome.put("riskScore", riskScore);
        outcome.put("riskReasons", List.of("NONE"));
        outcome.put("claimant", Map.of("name", "***"));
        return codec.tree(outcome);
    }

    private String claimsRuleSet() {
        return ruleSets.findAll().stream().filter(r -> r.context().equals("claims") && r.source().startsWith("classpath"))
                .findFirst().orElseThrow().version();
    }

    private List<Map<String, Object>> verdictRows() {
        return jdbc.queryForList("SELECT verdict_id, revision, superseded_by, classification, severity, differences::text, "
                + "rule_set_version, decided_at, legacy_outcome::text, shadow_outcome::text, replay_id FROM verdict "
                + "ORDER BY verdict_id");
    }

    private long reports() {
        return jdbc.queryForObject("SELECT count(*) FROM what_if_report", Long.class);
    }

    private Response post(String context, String from, String to, String candidate, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/rule-sets/what-if?context=" + context
                + "&from=" + from + "&to=" + to)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(candidate));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    private Response get(String path, String user) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).GET().build());
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(""), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private record Response(int status, String contentType, String location, String body) {
        JsonNode json() {
            return EventCodec.standard().mapper().readTree(body);
        }
    }
}
