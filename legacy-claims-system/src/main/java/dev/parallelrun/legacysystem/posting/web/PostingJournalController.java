package dev.parallelrun.legacysystem.posting.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parallelrun.legacysystem.posting.domain.Letter;
import dev.parallelrun.legacysystem.posting.domain.Posting;
import dev.parallelrun.legacysystem.posting.domain.PostingJournal;
import dev.parallelrun.legacysystem.posting.domain.PostingKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The witnesses of the platform's real side effects, read-only: {@code GET /legacy/postings} and
 * {@code GET /legacy/letters}, filtered by {@code since} (ISO-8601 instant), {@code reqKey}, {@code kind}
 * ({@code claim}, {@code quote}) and {@code limit} (1..1000, default 1000), oldest first. A malformed filter answers
 * {@code 400} problem details.
 */
@RestController
class PostingJournalController {

    private final PostingJournal journal;

    PostingJournalController(PostingJournal journal) {
        this.journal = journal;
    }

    @GetMapping(path = "/legacy/postings", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<PostingBody> postings(@RequestParam(required = false) Instant since,
            @RequestParam(required = false) String reqKey, @RequestParam(required = false) String kind,
            @RequestParam(required = false, defaultValue = "" + PostingJournal.MAX_LIMIT) int limit) {
        return new Page<>(journal.postings(query(since, reqKey, kind, limit)).stream().map(PostingBody::of).toList());
    }

    @GetMapping(path = "/legacy/letters", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<LetterBody> letters(@RequestParam(required = false) Instant since,
            @RequestParam(required = false) String reqKey, @RequestParam(required = false) String kind,
            @RequestParam(required = false, defaultValue = "" + PostingJournal.MAX_LIMIT) int limit) {
        return new Page<>(journal.letters(query(since, reqKey, kind, limit)).stream().map(LetterBody::of).toList());
    }

    private static PostingJournal.Query query(Instant since, String reqKey, String kind, int limit) {
        PostingKind postingKind = null;
        if (kind != null && !kind.isBlank()) {
            postingKind = PostingKind.ofLabel(kind).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "kind must be claim or quote"));
        }
        if (limit < 1 || limit > PostingJournal.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + PostingJournal.MAX_LIMIT);
        }
        return new PostingJournal.Query(since, reqKey, postingKind, limit);
    }

    record Page<T>(@JsonProperty("items") List<T> items) {
    }

    record PostingBody(@JsonProperty("id") long id, @JsonProperty("reqKey") String reqKey,
            @JsonProperty("kind") String kind, @JsonProperty("businessId") String businessId,
            @JsonProperty("status") String status, @JsonProperty("amount") String amount,
            @JsonProperty("postedAt") Instant postedAt) {

        /** The amount in the legacy format, two decimals: {@code 976.19}. */

        static PostingBody of(Posting posting) {
            return new PostingBody(posting.id(), posting.reqKey(), posting.kind().label(), posting.businessId(),
                    posting.status(), BigDecimal.valueOf(posting.amountCents(), 2).toPlainString(), posting.postedAt());
        }
    }

    record LetterBody(@JsonProperty("id") long id, @JsonProperty("reqKey") String reqKey,
            @JsonProperty("kind") String kind, @JsonProperty("businessId") String businessId,
            @JsonProperty("letter") String letter, @JsonProperty("status") String status,
            @JsonProperty("sentAt") Instant sentAt) {

        static LetterBody of(Letter letter) {
            return new LetterBody(letter.id(), letter.reqKey(), letter.kind().label(), letter.businessId(),
                    letter.letter(), letter.status(), letter.sentAt());
        }
    }
}
