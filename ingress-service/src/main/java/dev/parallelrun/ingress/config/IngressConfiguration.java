package dev.parallelrun.ingress.config;

import dev.parallelrun.events.IntentType;
import dev.parallelrun.ingress.intent.application.CorrelationClaims;
import dev.parallelrun.ingress.intent.application.IdempotencyRecords;
import dev.parallelrun.ingress.intent.application.IngressMetrics;
import dev.parallelrun.ingress.intent.application.IntentIntake;
import dev.parallelrun.ingress.intent.application.IntentPublisher;
import dev.parallelrun.ingress.intent.domain.ClaimSubmittedSchema;
import dev.parallelrun.ingress.intent.domain.IntentCatalog;
import dev.parallelrun.ingress.intent.domain.IntentSchema;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the intent use case: the registry of intent types (from {@code ingress.intents}) with the
 * schemas available, and the intake service.
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
    ClaimSubmittedSchema claimSubmittedSchema(Clock clock) {
        return new ClaimSubmittedSchema(clock);
    }

    @Bean
    IntentCatalog intentCatalog(IngressProperties properties, List<IntentSchema> schemas) {
        Map<IntentType, String> types = new LinkedHashMap<>();
        for (IngressProperties.Intent intent : properties.intents()) {
            types.put(new IntentType(intent.name(), intent.boundedContext(), intent.version()), intent.schema());
        }
        return IntentCatalog.of(types, schemas);
    }

    @Bean
    IngressMetrics ingressMetrics(MeterRegistry registry, IntentCatalog catalog) {
        IngressMetrics metrics = new IngressMetrics(registry);
        catalog.all().forEach(intent -> metrics.registerIntentType(intent.type().eventType()));
        return metrics;
    }

    @Bean
    IntentIntake intentIntake(IntentCatalog catalog, IntentPublisher publisher, IdempotencyRecords records,
            CorrelationClaims claims, PlatformTransactionManager transactionManager, IngressMetrics metrics, Clock clock,
            IngressProperties properties) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        // the transaction spans the wait for Kafka, which is bounded; a little more for the statements
        transaction.setTimeout((int) properties.publish().bound().plusSeconds(10).toSeconds());
        return new IntentIntake(catalog, publisher, records, claims, transaction, metrics, clock);
    }
}
