package dev.parallelrun.legacysystem.posting.domain;

import java.time.Instant;
import java.util.List;

/**
 * The platform's record of its real side effects, read-only: the postings and letters made in {@link ProcessingMode#POST}
 * mode, one of each per request key at most. A simulation never appears here, so the journal is the witness that a
 * side effect happened, and happened once.
 */
public interface PostingJournal {

    /** The largest page a reader may ask for. */
    int MAX_LIMIT = 1000;

    /**
     * Which rows to read, oldest first.
     *
     * @param since  only rows from this instant on; {@code null} for all
     * @param reqKey only the rows of this request key; {@code null} for all
     * @param kind   only this kind; {@code null} for both
     * @param limit  at most this many rows, 1..{@value #MAX_LIMIT}
     */
    record Query(Instant since, String reqKey, PostingKind kind, int limit) {

        public Query {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
            }
            reqKey = reqKey == null || reqKey.isBlank() ? null : reqKey;
        }
    }

    List<Posting> postings(Query query);

    List<Letter> letters(Query query);
}
