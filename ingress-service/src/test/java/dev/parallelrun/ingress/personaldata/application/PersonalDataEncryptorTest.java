package dev.parallelrun.ingress.personaldata.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.fixtures.GoldenEvents;
import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import dev.parallelrun.ingress.intent.application.IntentRejectedException;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.IntentSchema;
import dev.parallelrun.ingress.intent.schema.ShippedSchemas;
import dev.parallelrun.ingress.intent.schema.Violation;
import dev.parallelrun.ingress.personaldata.domain.SubjectRefs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PersonalDataEncryptorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T09:15:30Z"), ZoneOffset.UTC);
    private static final IntentSchema CLAIM_SUBMITTED = ShippedSchemas.claimSubmitted(CLOCK);
    private static final SubjectRefs REFS = new SubjectRefs("a-test-secret-of-at-least-32-bytes!!");

    private final InMemorySubjectKeys keys = new InMemorySubjectKeys();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PersonalDataMetrics metrics = new PersonalDataMetrics(registry);
    private final PersonalDataEncryptor encryptor = new PersonalDataEncryptor(REFS, keys, metrics, CLOCK);
    private final DataSubjects subjects = new DataSubjects(
            IntentCatalog.of(List.of(ShippedSchemas.claimSubmitted(CLOCK))), REFS, keys, metrics, CLOCK);

    @Test
    void encryptsTheClaimantUnderTheKeyOfTheSubjectNamedByTheEmail() {
        ObjectNode claim = claim("erika@example.org");

        JsonNode published = encryptor.protect(CLAIM_SUBMITTED, claim);

        String ref = REFS.refOf("erika@example.org");
        byte[] key = keys.live(ref).orElseThrow().key();
        EncryptedValue name = EncryptedValue.parse(published.at("/claimant/name").stringValue()).orElseThrow();
        EncryptedValue email = EncryptedValue.parse(published.at("/claimant/email").stringValue()).orElseThrow();
        assertThat(name.subjectRef()).isEqualTo(ref);
        assertThat(name.generation()).isEqualTo(1);
        assertThat(name.decrypt(key)).isEqualTo(claim.at("/claimant/name").stringValue());
        assertThat(email.decrypt(key)).isEqualTo("erika@example.org");
        assertThat(published.get("claimId")).isEqualTo(claim.get("claimId"));
        assertThat(published.toString()).doesNotContain("erika@example.org");
        assertThat(registry.get(PersonalDataMetrics.KEYS_CREATED).counter().count()).isEqualTo(1.0);
    }

    @Test
    void reusesTheSubjectsKeyAndLooksTheRefUpFromTheEmail() {
        encryptor.protect(CLAIM_SUBMITTED, claim("erika@example.org"));
        encryptor.protect(CLAIM_SUBMITTED, claim("Erika@Example.org"));

        assertThat(keys.rows).singleElement()
                .satisfies(key -> assertThat(key.subjectRef()).isEqualTo(subjects.lookup("ClaimSubmitted", "erika@example.org")));
    }

    @Test
    void givesAnErasedSubjectANewKeyOfTheNextGeneration() {
        String ref = REFS.refOf("erika@example.org");
        JsonNode before = encryptor.protect(CLAIM_SUBMITTED, claim("erika@example.org"));

        assertThat(subjects.erase(ref, "ops")).isEqualTo(DataSubjects.Erasure.ERASED);
        assertThat(subjects.erase(ref, "ops")).isEqualTo(DataSubjects.Erasure.ALREADY_ERASED);
        JsonNode after = encryptor.protect(CLAIM_SUBMITTED, claim("erika@example.org"));

        assertThat(subjects.key(ref, 1)).hasValueSatisfying(key -> {
            assertThat(key.destroyed()).isTrue();
            assertThat(key.key()).isNull();
        });
        assertThat(EncryptedValue.parse(before.at("/claimant/email").stringValue()).orElseThrow().generation()).isEqualTo(1);
        EncryptedValue email = EncryptedValue.parse(after.at("/claimant/email").stringValue()).orElseThrow();
        assertThat(email.generation()).isEqualTo(2);
        assertThat(email.decrypt(subjects.key(ref, null).orElseThrow().key())).isEqualTo("erika@example.org");
        assertThat(registry.get(PersonalDataMetrics.KEYS_DESTROYED).counter().count()).isEqualTo(1.0);
        assertThat(subjects.erase("ds-00000000000000000000000000000000", "ops")).isEqualTo(DataSubjects.Erasure.UNKNOWN);
    }

    @Test
    void pseudonymisesThePersonalValuesForTheFingerprintDeterministicallyAndWithoutPlaintext() {
        ObjectNode claim = claim("erika@example.org");

        JsonNode once = encryptor.pseudonymise(CLAIM_SUBMITTED, claim);

        assertThat(encryptor.pseudonymise(CLAIM_SUBMITTED, claim("erika@example.org"))).isEqualTo(once);
        assertThat(encryptor.pseudonymise(CLAIM_SUBMITTED, claim("max@example.org"))).isNotEqualTo(once);
        assertThat(once.toString()).doesNotContain("erika").doesNotContain(claim.at("/claimant/name").stringValue());
        assertThat(once.get("claimId")).isEqualTo(claim.get("claimId"));
        assertThat(keys.rows).as("no key is needed for it").isEmpty();
    }

    @Test
    void refusesAStringThatPosesAsAnEncryptedValue() {
        ObjectNode claim = claim("erika@example.org");
        claim.put("description", "pd:v1:ds-0123456789abcdef0123456789abcdef:1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertThatThrownBy(() -> encryptor.protect(CLAIM_SUBMITTED, claim))
                .isInstanceOfSatisfying(IntentRejectedException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactly("/description"));
        assertThat(keys.rows).isEmpty();
    }

    @Test
    void answersRetryableWhenTheKeyStoreFailsAndCountsIt() {
        keys.failing = true;

        assertThatThrownBy(() -> encryptor.protect(CLAIM_SUBMITTED, claim("erika@example.org")))
                .isInstanceOf(IntentNotDurableException.class);
        assertThat(registry.get(PersonalDataMetrics.ENCRYPTION_FAILURES).counter().count()).isEqualTo(1.0);
    }

    @Test
    void refusesALookupOfABlankValue() {
        assertThatThrownBy(() -> subjects.lookup("ClaimSubmitted", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ObjectNode claim(String email) {
        ObjectNode claim = (ObjectNode) GoldenEvents.event(GoldenEvents.CLAIM_SUBMITTED).data().deepCopy();
        ((ObjectNode) claim.get("claimant")).put("email", email);
        return claim;
    }
}
