package dev.parallelrun.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.testsupport.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding across the whole platform: a claim travels through every service (ingress, legacy adapter and
 * stand-in, shadow claims service, reconciliation with its Kafka Streams state) to its verdicts; its claimant is then
 * erased at the ingress. Every record of every topic (dead-letter topics and Streams changelogs included, aborted
 * transactions too) and every row of every table of every service is then read, and none holds the claimant's name
 * or e-mail address in clear.
 */
class PersonalDataErasureEndToEndIT {

    private static final Duration VERDICT_WAIT = Duration.ofSeconds(90);
    private static final String ADMIN_KEY = "local-admin-key";
    private static final String PARTICIPANT_KEY = "local-participant-key";
    private static LocalPlatform platform;
    private static TestDatabases.TestDatabase db;
    private static String brokers;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatform() throws Exception {
        brokers = System.getProperty("spring.embedded.kafka.brokers");
        db = TestDatabases.create("personal_data_e2e");
        platform = LocalPlatform.start(new LocalPlatform.Options(brokers, db.url(), db.user(), db.password(),
                Files.createTempDirectory("platform-state"), 0, 0, 0, 0, 0, 0, List.of(
                        "--legacy-system.latency=5ms",
                        "--reconciliation.correlation.contexts.claims.window=20s")));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anErasedClaimantIsNowhereInClearAndTheirKeyIsGone() throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String name = "Erika Mustermann " + unique;
        String email = "erika." + unique + "@example.org";
        String correlationId = postClaim(name, email);
        awaitVerdicts(correlationId, 2);

        String subjectRef = codec.mapper().readTree(ingress("POST", "/api/v1/data-subjects/lookup", ADMIN_KEY,
                "{\"intentType\": \"ClaimSubmitted\", \"value\": \"" + email + "\"}").body()).get("subjectRef").asString();
        assertThat(ingress("GET", "/api/v1/data-subjects/" + subjectRef + "/key", PARTICIPANT_KEY, null).statusCode())
                .isEqualTo(200);

        assertThat(ingress("DELETE", "/api/v1/data-subjects/" + subjectRef, ADMIN_KEY, null).statusCode()).isEqualTo(204);

        assertThat(ingress("GET", "/api/v1/data-subjects/" + subjectRef + "/key", PARTICIPANT_KEY, null).statusCode())
                .isEqualTo(410);
        Map<String, String> topics = everyRecordOfEveryTopic();
        assertThat(topics.keySet()).as("topics read").contains("intents.claims.v1", "outcomes.legacy.v1",
                "outcomes.shadow.v1", "reconciliation.verdicts.v1")
                .anyMatch(topic -> topic.endsWith("-changelog"));
        assertThat(topics.get("intents.claims.v1")).as("the intent is on its topic").contains(subjectRef);
        topics.forEach((topic, records) -> assertThat(records).as(topic).doesNotContain(name)
                .doesNotContainIgnoringCase(email).doesNotContain("erika." + unique));
        String tables = everyRowOfEveryTable();
        assertThat(tables).as("the verdicts are in the database").contains(correlationId);
        assertThat(tables).doesNotContain(name).doesNotContainIgnoringCase(email).doesNotContain("erika." + unique);
    }

    private String postClaim(String name, String email) throws Exception {
        Map<String, Object> claim = new HashMap<>();
        claim.put("claimId", "CLM-" + UUID.randomUUID());
        claim.put("policyId", "POL-4711");
        claim.put("productLine", "motor");
        claim.put("region", "DE");
        claim.put("claimedAmount", new java.math.BigDecimal("1234.60"));
        claim.put("currency", "EUR");
        claim.put("incidentDate", LocalDate.now().minusDays(3).toString());
        claim.put("description", "rear-end collision");
        claim.put("claimant", Map.of("name", name, "email", email));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        platform.ingress().resolve("/api/v1/intents/ClaimSubmitted"))
                .header("Content-Type", "application/json")
                .header(Headers.API_KEY, LocalRunner.LOCAL_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(claim))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return codec.mapper().readTree(response.body()).get("correlationId").asString();
    }

    private void awaitVerdicts(String correlationId, int count) {
        await().atMost(VERDICT_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            URI uri = platform.reconciliation().resolve("/api/v1/reconciliations/" + correlationId);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8))).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = codec.mapper().readTree(response.body());
            return body.get("verdicts").size() == count;
        });
    }

    private HttpResponse<String> ingress(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.ingress().resolve(path))
                .header(Headers.API_KEY, apiKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record's key, value and headers, per topic, internal topics and aborted transactions included. */
    private static Map<String, String> everyRecordOfEveryTopic() throws Exception {
        Set<String> names;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        }
        Map<String, String> dump = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : names) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            names.forEach(topic -> dump.put(topic, ""));
            Map<String, StringBuilder> text = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    StringBuilder out = text.computeIfAbsent(record.topic(), topic -> new StringBuilder());
                    out.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)).append(' ')
                            .append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    record.headers().forEach(header -> out.append(' ').append(header.key()).append('=')
                            .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8)));
                    out.append('\n');
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            text.forEach((topic, out) -> dump.put(topic, out.toString()));
        }
        return dump;
    }

    /** Every row of every table of every schema but PostgreSQL's own, as text. */
    private static String everyRowOfEveryTable() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).as("tables of every service").hasSizeGreaterThan(5);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        dump.append(table).append(": ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
