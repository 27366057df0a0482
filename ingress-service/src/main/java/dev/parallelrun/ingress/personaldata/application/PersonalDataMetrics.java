package dev.parallelrun.ingress.personaldata.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of crypto-shredding: subject keys created ({@code ingress_personal_data_keys_created_total}) and
 * destroyed by erasure ({@code ingress_personal_data_keys_destroyed_total}), and intents whose personal data
 * could not be encrypted ({@code ingress_personal_data_encryption_failures_total}; each answered 503, nothing
 * published).
 */
public final class PersonalDataMetrics {

    public static final String KEYS_CREATED = "ingress.personal.data.keys.created";
    public static final String KEYS_DESTROYED = "ingress.personal.data.keys.destroyed";
    public static final String ENCRYPTION_FAILURES = "ingress.personal.data.encryption.failures";

    private final Counter created;
    private final Counter destroyed;
    private final Counter failures;

    public PersonalDataMetrics(MeterRegistry registry) {
        created = Counter.builder(KEYS_CREATED).description("Data subject keys created (a subject's first intent)")
                .register(registry);
        destroyed = Counter.builder(KEYS_DESTROYED).description("Data subject keys destroyed by erasure")
                .register(registry);
        failures = Counter.builder(ENCRYPTION_FAILURES)
                .description("Intents refused (503) because their personal data could not be encrypted")
                .register(registry);
    }

    void keyCreated() {
        created.increment();
    }

    void keyDestroyed() {
        destroyed.increment();
    }

    void encryptionFailed() {
        failures.increment();
    }
}
