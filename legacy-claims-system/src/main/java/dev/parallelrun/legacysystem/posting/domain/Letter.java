package dev.parallelrun.legacysystem.posting.domain;

import java.time.Instant;

/**
 * One letter the platform sent for a real posting: a claim's decision letter, a quote's quote letter. The row names
 * the letter, never its addressee: the witness holds no personal data.
 *
 * @param letter {@code CLAIM_DECISION} or {@code QUOTE} ({@link PostingKind#letter()})
 * @param status the legacy status the letter announces
 */
public record Letter(long id, String reqKey, PostingKind kind, String businessId, String letter, String status,
        Instant sentAt) {
}
