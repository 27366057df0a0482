package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Headers;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.authority.AuthorityDecided;
import dev.parallelrun.events.authority.AuthorityStage;
import dev.parallelrun.events.authority.Cohort;
import dev.parallelrun.events.Side;
import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.ingress.authority.domain.AuthorityStamp;
import dev.parallelrun.ingress.authority.domain.DecisionsInForce;
import dev.parallelrun.ingress.authority.messaging.AuthorityDecisionReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ingress stamps each intent with the authority decision it has read, over real HTTP with the in-process broker:
 * no decision, no stamp; a decision applies to the intents accepted after it; a record on the decision topic that is
 * not a decision is skipped.
 *
 * <p>The intents are of contexts of their own ({@code cover} and {@code bond}, schemas in the external schema
 * directory), one per test: the broker is shared by every IT of this JVM, and no other class's (or test's) context may
 * find itself promoted by this one.
 */
@SpringBootTest(classes = IngressApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingress-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "ingress.authority.topic-retry=200ms"
        })
@ActiveProfiles("local")
class AuthorityStampingIT {

    private static final String COVER = "cover";
    private static final String BOND = "bond";
    private static final String CHANNEL = "local-dev";
    private static final EventCodec CODEC = EventCodec.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path SCHEMA_DIRECTORY = coverSchema();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "ingress_authority_it");
        registry.add("ingress.schemas.directory", SCHEMA_DIRECTORY::toString);
    }

    /** Intent types with the attributes cohorts name, as every intent type of the platform has them. */
    private static Path coverSchema() {
        try {
            Path directory = Files.createTempDirectory("intent-schemas");
            for (String context : List.of(COVER, BOND)) {
                Files.createDirectories(directory.resolve(context));
                Files.writeString(directory.resolve(context + "/" + intentType(context) + ".schema.json"), """
                    {
                      "$schema": "https://json-schema.org/draft/2020-12/schema",
                      "$id": "urn:parallelrun:intent-schema:%1$s.%2$s.v1",
                      "x-event-type": "%1$s.%2$s.v1",
                      "type": "object",
                      "additionalProperties": false,
                      "required": ["ref", "productLine", "region"],
                      "properties": {
                        "ref": {"type": "string"},
                        "productLine": {"type": "string"},
                        "region": {"type": "string"}
                      }
                    }
                    """.formatted(context, intentType(context)));
            }
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String intentType(String context) {
        return context.equals(COVER) ? "CoverRequested" : "BondRequested";
    }

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    IntentAuthority authority;

    @Test
    void stampsEachIntentWithTheDecisionInForceWhenItWasAccepted() throws Exception {
        // Given no decision for the context yet (the topic may not even exist: the reconciliation creates it)
        CloudEvent beforeAnyDecision = post(COVER, "motor", "DE");

        assertThat(beforeAnyDecision.authority()).isNull();
        assertThat(beforeAnyDecision.authorityDecision()).isNull();

        // When the context is promoted to SELECTIVE for motor in DE (after a record that is no decision at all)
        createDecisionTopic();
        publish(COVER, "not a decision".getBytes(StandardCharsets.UTF_8));
        String selective = decide(COVER, AuthorityStage.SELECTIVE, List.of(new Cohort("motor", "DE", null)));

        CloudEvent motorInGermany = post(COVER, "motor", "DE");
        CloudEvent homeInGermany = post(COVER, "home", "DE");
        CloudEvent motorInFrance = post(COVER, "motor", "FR");

        // Then the cohort is the new service's, the rest legacy's, all by that decision
        assertThat(motorInGermany.authority()).isEqualTo("shadow");
        assertThat(motorInGermany.authorityDecision()).isEqualTo(selective);
        assertThat(homeInGermany.authority()).isEqualTo("legacy");
        assertThat(homeInGermany.authorityDecision()).isEqualTo(selective);
        assertThat(motorInFrance.authority()).isEqualTo("legacy");
        assertThat(motorInFrance.authorityDecision()).isEqualTo(selective);

        // When promoted to FULL: everything is the new service's
        String full = decide(COVER, AuthorityStage.FULL, List.of());

        CloudEvent homeUnderFull = post(COVER, "home", "DE");
        assertThat(homeUnderFull.authority()).isEqualTo("shadow");
        assertThat(homeUnderFull.authorityDecision()).isEqualTo(full);

        // When rolled back to SHADOW: legacy again, from the next intent on
        String rollback = decide(COVER, AuthorityStage.SHADOW, List.of());

        CloudEvent motorAfterRollback = post(COVER, "motor", "DE");
        assertThat(motorAfterRollback.authority()).isEqualTo("legacy");
        assertThat(motorAfterRollback.authorityDecision()).isEqualTo(rollback);

        // and an intent accepted earlier keeps the stamp it was published with
        assertThat(publishedOn(COVER, motorInGermany.correlationId()).authority()).isEqualTo("shadow");
    }

    @Test
    void anIdempotentRetryAnswersWithTheEventPublishedFirstStampIncluded() throws Exception {
        createDecisionTopic();
        String full = decide(BOND, AuthorityStage.FULL, List.of());
        String key = UUID.randomUUID().toString();
        String body = body("motor", "DE");

        HttpResponse<String> first = send(BOND, body, key);
        decide(BOND, AuthorityStage.SHADOW, List.of());
        HttpResponse<String> retry = send(BOND, body, key);

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String eventId = json(first.body()).get("eventId").stringValue();
        assertThat(json(retry.body()).get("eventId").stringValue()).isEqualTo(eventId);
        CloudEvent published = publishedOn(BOND, json(first.body()).get("correlationId").stringValue());
        assertThat(published.authority()).isEqualTo("shadow");
        assertThat(published.authorityDecision()).isEqualTo(full);
    }

    @Test
    void aRestartedIngressReadsTheDecisionsInForceFromTheBeginningBeforeItStampsAnyIntent() throws Exception {
        createDecisionTopic();
        decide(BOND, AuthorityStage.FULL, List.of());
        String inForce = decide(BOND, AuthorityStage.SELECTIVE, List.of(new Cohort("motor", null, null)));
        IntentAuthority restarted = new IntentAuthority(new DecisionsInForce(), new SimpleMeterRegistry());
        AuthorityDecisionReader reader = new AuthorityDecisionReader(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), restarted, CODEC, Duration.ofMillis(200),
                PATIENCE);

        assertThat(restarted.caughtUp()).isFalse();
        reader.start();
        try {
            assertThat(restarted.caughtUp()).isTrue();
            assertThat(restarted.stampFor(BOND, json(body("motor", "FR")), CHANNEL))
                    .contains(new AuthorityStamp(Side.SHADOW, inForce));
            assertThat(restarted.stampFor(BOND, json(body("home", "FR")), CHANNEL))
                    .contains(new AuthorityStamp(Side.LEGACY, inForce));
        } finally {
            reader.stop();
        }
    }

    @Test
    void isReadyOnceTheDecisionsInForceAreRead() throws Exception {
        HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(authority.caughtUp()).isTrue();
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json(readiness.body()).get("status").stringValue()).isEqualTo("UP");
    }

    /** Publishes a decision as the reconciliation does, and waits until this ingress has read it. */
    private String decide(String context, AuthorityStage stage, List<Cohort> cohorts) throws Exception {
        String decisionId = "decision-" + UUID.randomUUID();
        AuthorityDecided decided = new AuthorityDecided(decisionId, context, stage, cohorts, Instant.now(), "admin");
        publish(context, CODEC.write(CloudEvent.fact(UUID.randomUUID().toString(), AuthorityDecided.EVENT_TYPE,
                "urn:parallelrun:reconciliation-service", decided.decidedAt(), decisionId, context,
                CODEC.tree(decided))));
        await().atMost(PATIENCE).until(() -> authority.stampFor(context, json(body("motor", "DE")), CHANNEL)
                .filter(stamp -> stamp.decisionId().equals(decisionId)).isPresent());
        return decisionId;
    }

    private void publish(String context, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUTHORITY_DECISIONS, context, value)).get();
        }
    }

    /** The decision topic as the reconciliation declares it: compacted, keyed by context. */
    private void createDecisionTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(Topics.AUTHORITY_DECISIONS, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Posts an intent and answers it as published. */
    private CloudEvent post(String context, String productLine, String region) throws Exception {
        HttpResponse<String> accepted = send(context, body(productLine, region), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return publishedOn(context, json(accepted.body()).get("correlationId").stringValue());
    }

    private HttpResponse<String> send(String context, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/intents/" + intentType(context)))
                .header(Headers.API_KEY, "local-dev-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header(Headers.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CloudEvent publishedOn(String context, String correlationId) {
        String intents = Topics.intents(context);
        return new IntentTopicReader(brokers).readAll(intents).stream()
                .filter(record -> correlationId.equals(record.key()))
                .map(record -> CODEC.read(record.value()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no intent with correlation id " + correlationId + " on "
                        + intents));
    }

    private static String body(String productLine, String region) {
        return """
                {"ref": "REF-%s", "productLine": "%s", "region": "%s"}""".formatted(UUID.randomUUID(),
                productLine, region);
    }

    private static JsonNode json(String text) {
        return CODEC.mapper().readTree(text);
    }
}
