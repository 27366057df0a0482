package dev.parallelrun.ingress.personaldata.application;

import dev.parallelrun.ingress.intent.schema.IntentCatalog;
import dev.parallelrun.ingress.intent.schema.RegisteredIntent;
import dev.parallelrun.ingress.personaldata.domain.SubjectRefs;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-subject API's use cases: find a person's subject ref, erase a subject (destroy its live key), and
 * hand a key to a participant that decrypts an intent.
 */
public final class DataSubjects {

    private static final Logger log = LoggerFactory.getLogger(DataSubjects.class);

    /** What an erasure request found. */
    public enum Erasure {
        /** the subject's live key was destroyed now */
        ERASED,
        /** the subject has no live key: it was erased before (and has sent no intent since) */
        ALREADY_ERASED,
        /** no key of this subject was ever made */
        UNKNOWN
    }

    private final IntentCatalog catalog;
    private final SubjectRefs refs;
    private final SubjectKeys keys;
    private final PersonalDataMetrics metrics;
    private final Clock clock;

    public DataSubjects(IntentCatalog catalog, SubjectRefs refs, SubjectKeys keys, PersonalDataMetrics metrics,
            Clock clock) {
        this.catalog = catalog;
        this.refs = refs;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The subject ref of the person whom this value identifies in intents of this type (the value of its
     * {@code "x-data-subject"} field, e.g. the e-mail address).
     *
     * @throws dev.parallelrun.ingress.intent.domain.UnknownIntentTypeException when there is no such intent type
     * @throws IllegalArgumentException when the intent type carries no personal data, or the value is blank
     */
    public String lookup(String intentType, String value) {
        RegisteredIntent intent = catalog.get(intentType);
        if (intent.schema().dataSubjectPath().isEmpty()) {
            throw new IllegalArgumentException("Intent type " + intent.type().name()
                    + " carries no personal data, so it has no data subject.");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The value must be the data subject's "
                    + intent.schema().dataSubjectPath().get() + " as the channel sends it, not blank.");
        }
        return refs.refOf(value);
    }

    /** Destroys the subject's live key, so its personal data cannot be read anywhere any more. */
    public Erasure erase(String subjectRef, String admin) {
        if (keys.destroyLive(subjectRef, clock.instant(), admin)) {
            metrics.keyDestroyed();
            log.info("Admin {} erased data subject {}: its key is destroyed", admin, subjectRef);
            return Erasure.ERASED;
        }
        return keys.all(subjectRef).isEmpty() ? Erasure.UNKNOWN : Erasure.ALREADY_ERASED;
    }

    /**
     * A generation of the subject's key, or without a generation its latest one; a destroyed key comes without
     * its bytes. Empty when there is no such key.
     */
    public Optional<SubjectKey> key(String subjectRef, Integer generation) {
        if (generation != null) {
            return keys.find(subjectRef, generation);
        }
        List<SubjectKey> all = keys.all(subjectRef);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
