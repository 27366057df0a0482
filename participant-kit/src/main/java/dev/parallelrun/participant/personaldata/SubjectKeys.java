package dev.parallelrun.participant.personaldata;

import java.util.Optional;

/** The data subjects' keys, as the ingress's key service hands them out. */
public interface SubjectKeys {

    /**
     * One generation of a subject's key.
     *
     * @return the AES-256 key, or empty when it was destroyed (the subject is erased)
     * @throws KeyServiceUnavailableException when the key service cannot say (down, slow, refusing this participant):
     *                                        an infrastructure failure, retried, never a reason to dead-letter
     */
    Optional<byte[]> key(String subjectRef, int generation);
}
