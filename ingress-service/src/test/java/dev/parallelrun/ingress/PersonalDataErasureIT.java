package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.ingress.intent.domain.RequestFingerprint;
import dev.parallelrun.ingress.personaldata.application.PersonalDataMetrics;
import dev.parallelrun.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Crypto-shredding over real HTTP, with the in-process Kafka broker and a real PostgreSQL: a claim's claimant
 * reaches {@code intents.claims.v1} only encrypted, and nothing the ingress stores holds it in clear; an admin finds
 * the person's subject ref and erases it; the key is then gone from the database and the key service answers 410,
 * so the published values can no longer be read; the person's next claim gets a new key.
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"
        })
@ActiveProfiles("local")
class PersonalDataErasureIT {

    private static final String TOPIC = "intents.claims.v1";
    private static final String CHANNEL_KEY = "local-dev-key";
    private static final String ADMIN_KEY = "local-admin-key";
    private static final String PARTICIPANT_KEY = "local-participant-key";
    private static final EventCodec CODEC = EventCodec.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_personal_data_it");
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void publishesAndStoresNoPlaintextOfTheClaimantsNameOrEmail() throws Exception {
        Person person = Person.create();
        ObjectNode claim = claim(person);

        HttpResponse<String> accepted = postClaim(claim, "idem-" + UUID.randomUUID());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<ConsumerRecord<String, byte[]>> records = new IntentTopicReader(brokers).readAll(TOPIC);
        assertThat(records).anySatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains(claim.get("claimId").stringValue()));
        for (ConsumerRecord<String, byte[]> record : records) {
            String raw = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(raw).doesNotContain(person.name()).doesNotContainIgnoringCase(person.email())
                    .doesNotContain(person.emailLocalPart());
        }
        assertThat(everyRowOfTheIngressSchema()).doesNotContain(person.name())
                .doesNotContainIgnoringCase(person.email()).doesNotContain(person.emailLocalPart())
                // nor an unkeyed hash of the body, which would confirm a guess of the person to anyone
                .doesNotContain(RequestFingerprint.of("claims.ClaimSubmitted.v1", claim));
        assertThat(jdbc.sql("SELECT count(*) FROM ingress.idempotency_record WHERE request_hash IS NOT NULL")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void erasesASubjectSoItsPublishedDataCanNoLongerBeDecrypted() throws Exception {
        Person person = Person.create();
        ObjectNode claim = claim(person);
        assertThat(postClaim(claim, null).statusCode()).isEqualTo(202);
        String email = publishedClaimant(claim).get("email").stringValue();
        double destroyedBefore = meters.get(PersonalDataMetrics.KEYS_DESTROYED).counter().count();

        // an operator who knows the person finds the subject ref
        HttpResponse<String> lookup = send("POST", "/api/v1/data-subjects/lookup", ADMIN_KEY,
                "{\"intentType\": \"ClaimSubmitted\", \"value\": \"" + person.email().toUpperCase() + "\"}");
        assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
        String ref = json(lookup.body()).get("subjectRef").stringValue();
        EncryptedValue encrypted = EncryptedValue.parse(email).orElseThrow();
        assertThat(encrypted.subjectRef()).isEqualTo(ref);

        // before the erasure, a participant can read the key and decrypt the claimant
        HttpResponse<String> key = send("GET", "/api/v1/data-subjects/" + ref + "/key?generation=1", PARTICIPANT_KEY, null);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        assertThat(key.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(encrypted.decrypt(Base64.getDecoder().decode(json(key.body()).get("key").stringValue())))
                .isEqualTo(person.email());

        HttpResponse<String> erased = send("DELETE", "/api/v1/data-subjects/" + ref, ADMIN_KEY, null);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
        Map<String, Object> row = jdbc.sql("SELECT key_bytes, destroyed_at, destroyed_by FROM ingress.subject_key "
                + "WHERE subject_ref = ? AND generation = 1").param(ref).query().singleRow();
        assertThat(row.get("key_bytes")).isNull();
        assertThat(row.get("destroyed_at")).isNotNull();
        assertThat(row.get("destroyed_by")).isEqualTo("local-admin");
        for (String path : List.of("/key?generation=1", "/key")) {
            HttpResponse<String> gone = send("GET", "/api/v1/data-subjects/" + ref + path, PARTICIPANT_KEY, null);
            assertThat(gone.statusCode()).as(path).isEqualTo(410);
            assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(gone.body()).get("type").stringValue()).isEqualTo("urn:parallelrun:problem:data-subject-erased");
        }
        assertThat(meters.get(PersonalDataMetrics.KEYS_DESTROYED).counter().count()).isEqualTo(destroyedBefore + 1);

        // erasing again is fine
        assertThat(send("DELETE", "/api/v1/data-subjects/" + ref, ADMIN_KEY, null).statusCode()).isEqualTo(204);

        // the person's next claim gets a new key; the old values stay unreadable
        ObjectNode next = claim(person);
        assertThat(postClaim(next, null).statusCode()).isEqualTo(202);
        EncryptedValue nextEmail = EncryptedValue.parse(publishedClaimant(next).get("email").stringValue()).orElseThrow();
        assertThat(nextEmail.subjectRef()).isEqualTo(ref);
        assertThat(nextEmail.generation()).isEqualTo(2);
        HttpResponse<String> newKey = send("GET", "/api/v1/data-subjects/" + ref + "/key", PARTICIPANT_KEY, null);
        assertThat(newKey.statusCode()).isEqualTo(200);
        byte[] generation2 = Base64.getDecoder().decode(json(newKey.body()).get("key").stringValue());
        assertThat(nextEmail.decrypt(generation2)).isEqualTo(person.email());
        assertThat(EncryptedValue.parse(email).orElseThrow().generation()).isEqualTo(1);
        assertThat(send("GET", "/api/v1/data-subjects/" + ref + "/key?generation=1", PARTICIPANT_KEY, null).statusCode())
                .isEqualTo(410);
    }

    @Test
    void twoConcurrentIntentsOfANewSubjectShareOneKey() throws Exception {
        Person person = Person.create();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ObjectNode claim = claim(person);
            posts.add(() -> postClaim(claim, null).statusCode());
        }

        List<Future<Integer>> answers = POOL.invokeAll(posts);

        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
        String ref = json(send("POST", "/api/v1/data-subjects/lookup", ADMIN_KEY,
                "{\"intentType\": \"ClaimSubmitted\", \"value\": \"" + person.email() + "\"}").body())
                .get("subjectRef").stringValue();
        assertThat(jdbc.sql("SELECT count(*) FROM ingress.subject_key WHERE subject_ref = ?").param(ref)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void answersAnUnknownSubjectWith404() throws Exception {
        for (String ref : List.of("ds-00000000000000000000000000000000", "not-a-ref")) {
            HttpResponse<String> unknown = send("DELETE", "/api/v1/data-subjects/" + ref, ADMIN_KEY, null);
            assertThat(unknown.statusCode()).as(ref).isEqualTo(404);
            assertThat(json(unknown.body()).get("type").stringValue()).isEqualTo("urn:parallelrun:problem:unknown-data-subject");
            assertThat(send("GET", "/api/v1/data-subjects/" + ref + "/key", PARTICIPANT_KEY, null).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void letsOnlyAdminsEraseAndLookUpAndOnlyParticipantsReadKeys() throws Exception {
        String ref = "ds-00000000000000000000000000000000";
        String lookup = "{\"intentType\": \"ClaimSubmitted\", \"value\": \"erika@example.org\"}";

        assertThat(send("DELETE", "/api/v1/data-subjects/" + ref, CHANNEL_KEY, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/data-subjects/" + ref, PARTICIPANT_KEY, null).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/data-subjects/" + ref, null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/data-subjects/lookup", CHANNEL_KEY, lookup).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/data-subjects/lookup", PARTICIPANT_KEY, lookup).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/data-subjects/" + ref + "/key", CHANNEL_KEY, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/data-subjects/" + ref + "/key", ADMIN_KEY, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/data-subjects/" + ref + "/key", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = send("DELETE", "/api/v1/data-subjects/" + ref, CHANNEL_KEY, null);
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void refusesALookupThatIsNotOne() throws Exception {
        HttpResponse<String> invalid = send("POST", "/api/v1/data-subjects/lookup", ADMIN_KEY, "{\"value\": 42}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid.body()).get("type").stringValue())
                .isEqualTo("urn:parallelrun:problem:invalid-data-subject-lookup");

        HttpResponse<String> unknownType = send("POST", "/api/v1/data-subjects/lookup", ADMIN_KEY,
                "{\"intentType\": \"NoSuchIntent\", \"value\": \"erika@example.org\"}");
        assertThat(unknownType.statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnIntentThatPassesOffAStringAsEncryptedPersonalData() throws Exception {
        ObjectNode claim = claim(Person.create());
        claim.put("description", "pd:v1:ds-0123456789abcdef0123456789abcdef:1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        HttpResponse<String> refused = postClaim(claim, null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused.body()).get("errors").get(0).get("pointer").stringValue()).isEqualTo("/description");
    }

    /** Someone nobody else in the test run is: a unique name and e-mail address. */
    private record Person(String name, String email) {

        static Person create() {
            String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return new Person("Erika Mustermann " + unique, "erika." + unique + "@example.org");
        }

        String emailLocalPart() {
            return email.substring(0, email.indexOf('@'));
        }
    }

    private static ObjectNode claim(Person person) {
        ObjectNode claim = (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
        claim.put("claimId", "CLM-PD-" + UUID.randomUUID());
        ObjectNode claimant = (ObjectNode) claim.get("claimant");
        claimant.put("name", person.name());
        claimant.put("email", person.email());
        return claim;
    }

    private JsonNode publishedClaimant(ObjectNode claim) {
        String claimId = claim.get("claimId").stringValue();
        CloudEvent event = new IntentTopicReader(brokers).readAll(TOPIC).stream()
                .map(record -> CODEC.read(record.value()))
                .filter(candidate -> claimId.equals(candidate.data().path("claimId").stringValue(null)))
                .findFirst().orElseThrow();
        return event.data().get("claimant");
    }

    /** Every row of every table of the ingress's schema, as text. */
    private String everyRowOfTheIngressSchema() {
        StringBuilder dump = new StringBuilder();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'ingress'")
                .query(String.class).list();
        assertThat(tables).contains("idempotency_record", "correlation_claim", "subject_key");
        for (String table : tables) {
            jdbc.sql("SELECT t::text FROM ingress." + table + " t").query(String.class).list()
                    .forEach(row -> dump.append(row).append('\n'));
        }
        return dump.toString();
    }

    private HttpResponse<String> postClaim(ObjectNode claim, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/intents/ClaimSubmitted"))
                .header(Headers.API_KEY, CHANNEL_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(claim.toString()));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header(Headers.API_KEY, apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
