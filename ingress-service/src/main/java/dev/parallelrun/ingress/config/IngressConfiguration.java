package dev.parallelrun.ingress.config;

import dev.parallelrun.ingress.authority.application.IntentAuthority;
import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.application.IngressMetrics;
import dev.parallelrun.ingress.intent.application.IntentDataProtection;
import dev.parallelrun.ingress.intent.application.IntentIntake;
import dev.parallelrun.ingress.intent.application.IntentPublisher;
import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.IntentSchemaCompiler;
import dev.parallelrun.ingress.personaldata.application.DataSubjects;
import dev.parallelrun.ingress.personaldata.application.PersonalDataEncryptor;
import dev.parallelrun.ingress.personaldata.application.PersonalDataMetrics;
import dev.parallelrun.ingress.personaldata.application.SubjectKeys;
import dev.parallelrun.ingress.personaldata.domain.SubjectRefs;
import dev.parallelrun.ingress.sampling.application.IntentSampler;
import dev.parallelrun.ingress.sampling.application.SamplingRates;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the intent use case: the registry of intent types, read from the intent schema folder (classpath
 * {@code intent-schemas/} and {@code ingress.schemas.directory}), the sampler, the encryption of personal data
 * (crypto-shredding) and the intake service.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngressConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IntentCatalog intentCatalog(IngressProperties properties, Clock clock) {
        IntentSchemaFiles files = new IntentSchemaFiles(new IntentSchemaCompiler(clock));
        return IntentCatalog.of(files.load(properties.schemas().directoryPath()));
    }

    @Bean
    IngressMetrics ingressMetrics(MeterRegistry registry, IntentCatalog catalog) {
        IngressMetrics metrics = new IngressMetrics(registry);
        catalog.all().forEach(intent -> metrics.registerIntentType(intent.type()));
        return metrics;
    }

    @Bean
    IntentSampler intentSampler(SamplingRates rates, IngressProperties properties, Clock clock) {
        return new IntentSampler(rates, properties.sampling().refresh(), clock);
    }

    /**
     * Derives data subjects' refs. Without a secret ({@code ingress.personal-data.subject-ref-secret}) the service
     * refuses to start: a committed default would let anyone holding the code link refs to people.
     */
    @Bean
    SubjectRefs subjectRefs(IngressProperties properties) {
        String secret = properties.personalData().subjectRefSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("""
                    No secret derives data subject refs from personal data: refusing to start. Set \
                    ingress.personal-data.subject-ref-secret (environment: INGRESS_PERSONAL_DATA_SUBJECT_REF_SECRET) \
                    to a random value of at least 32 bytes, kept like a credential and never changed (a new secret \
                    gives every person a new subject ref). The 'local' profile has a development secret.""");
        }
        try {
            return new SubjectRefs(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ingress.personal-data.subject-ref-secret: " + e.getMessage(), e);
        }
    }

    @Bean
    PersonalDataMetrics personalDataMetrics(MeterRegistry registry) {
        return new PersonalDataMetrics(registry);
    }

    @Bean
    PersonalDataEncryptor personalDataEncryptor(SubjectRefs refs, SubjectKeys keys, PersonalDataMetrics metrics,
            Clock clock) {
        return new PersonalDataEncryptor(refs, keys, metrics, clock);
    }

    @Bean
    DataSubjects dataSubjects(IntentCatalog catalog, SubjectRefs refs, SubjectKeys keys, PersonalDataMetrics metrics,
            Clock clock) {
        return new DataSubjects(catalog, refs, keys, metrics, clock);
    }

    @Bean
    IntentIntake intentIntake(IntentCatalog catalog, IntentPublisher publisher, IdempotencyRecords records,
            CorrelationClaims claims, PlatformTransactionManager transactionManager, IngressMetrics metrics,
            IntentSampler sampler, Clock clock, IngressProperties properties, IntentDataProtection protection,
            IntentAuthority authority) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        // the transaction spans the wait for Kafka, which is bounded; a little more for the statements
        transaction.setTimeout((int) properties.publish().bound().plusSeconds(10).toSeconds());
        return new IntentIntake(catalog, publisher, records, claims, transaction, metrics, sampler, protection, authority,
                clock);
    }
}
