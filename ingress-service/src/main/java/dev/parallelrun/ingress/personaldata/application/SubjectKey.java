package dev.parallelrun.ingress.personaldata.application;

import java.time.Instant;

/**
 * One generation of a data subject's key. A destroyed key has no bytes left: {@link #key()} is {@code null} and
 * {@link #destroyedAt()} says when.
 *
 * @param subjectRef  the data subject
 * @param generation  1 for the subject's first key, one more after each erasure
 * @param key         the AES-256 key, {@code null} once destroyed
 * @param createdAt   when the key was made (on the subject's first intent of this generation)
 * @param destroyedAt when it was destroyed, or {@code null}
 */
public record SubjectKey(String subjectRef, int generation, byte[] key, Instant createdAt, Instant destroyedAt) {

    public boolean destroyed() {
        return destroyedAt != null;
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public String toString() {
        return "SubjectKey[" + subjectRef + ", generation " + generation + (destroyed() ? ", destroyed " + destroyedAt
                : ", created " + createdAt) + "]";
    }
}
