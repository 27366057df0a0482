package dev.parallelrun.ingress.personaldata.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The data subjects' keys (port; PostgreSQL table {@code ingress.subject_key}). */
public interface SubjectKeys {

    /** The subject's live key, if it has one (none yet, or its last one was destroyed). */
    Optional<SubjectKey> live(String subjectRef);

    /**
     * Stores a new key as the subject's live one, unless the subject has a live key already (created concurrently,
     * e.g. by another instance): then nothing is stored. Race-free: of two concurrent calls for a subject, one
     * stores its key and the other stores nothing.
     *
     * @return whether this key was stored
     */
    boolean insertIfNoLiveKey(String subjectRef, byte[] key, Instant createdAt);

    /** One generation of the subject's key, live or destroyed. */
    Optional<SubjectKey> find(String subjectRef, int generation);

    /** Every generation of the subject's key, oldest first; empty for a subject never seen. */
    List<SubjectKey> all(String subjectRef);

    /**
     * Destroys the subject's live key: its bytes are deleted (the column set to {@code NULL}), the row stays with
     * {@code destroyed_at}, so the erasure is on record and a second request is answered alike.
     *
     * @param destroyedBy the admin who erased the subject
     * @return whether a live key was destroyed
     */
    boolean destroyLive(String subjectRef, Instant destroyedAt, String destroyedBy);
}
