package dev.parallelrun.ingress.personaldata.web;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.personal.EncryptedValue;
import dev.parallelrun.ingress.personaldata.application.DataSubjects;
import dev.parallelrun.ingress.personaldata.application.SubjectKey;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/data-subjects/lookup} {@code {"intentType": "ClaimSubmitted", "value": "erika@example.org"}}
 * (admin) answers {@code {"subjectRef": "ds-..."}}; {@code DELETE /api/v1/data-subjects/{subjectRef}} (admin)
 * destroys the subject's key (204, also when it was destroyed before; 404 for a subject never seen);
 * {@code GET /api/v1/data-subjects/{subjectRef}/key[?generation=n]} (participant) answers the key, or 410 once it is
 * destroyed.
 */
@RestController
class DataSubjectController {

    /** A lookup body holds an intent type name and an identity of at most a few hundred characters. */
    private static final int MAX_LOOKUP_BYTES = 2048;

    private final DataSubjects subjects;
    private final JsonMapper mapper = EventCodec.standard().mapper();

    DataSubjectController(DataSubjects subjects) {
        this.subjects = subjects;
    }

    record SubjectRef(String subjectRef) {
    }

    /** A key as the participants receive it; never cached by anyone on the way. */
    record Key(String subjectRef, int generation, String key, Instant createdAt) {
    }

    @PostMapping(path = "/api/v1/data-subjects/lookup", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> lookup(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_LOOKUP_BYTES + 1);
        JsonNode body;
        try {
            body = bytes.length > MAX_LOOKUP_BYTES ? null : mapper.readTree(bytes);
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("intentType").isString() || !body.path("value").isString()) {
            return problem(request, HttpStatus.UNPROCESSABLE_CONTENT, Problems.INVALID_DATA_SUBJECT_LOOKUP,
                    "Invalid data subject lookup", "The body must be {\"intentType\": \"<IntentType>\", \"value\": "
                            + "\"<the data subject's identity, e.g. the e-mail address>\"}.");
        }
        try {
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(new SubjectRef(subjects.lookup(body.get("intentType").stringValue(),
                            body.get("value").stringValue())));
        } catch (IllegalArgumentException e) {
            return problem(request, HttpStatus.UNPROCESSABLE_CONTENT, Problems.INVALID_DATA_SUBJECT_LOOKUP,
                    "Invalid data subject lookup", e.getMessage());
        }
    }

    @DeleteMapping("/api/v1/data-subjects/{subjectRef}")
    ResponseEntity<?> erase(@PathVariable String subjectRef, Principal admin, HttpServletRequest request) {
        if (EncryptedValue.isSubjectRef(subjectRef)
                && subjects.erase(subjectRef, admin.getName()) != DataSubjects.Erasure.UNKNOWN) {
            return ResponseEntity.noContent().build();
        }
        return unknown(request, subjectRef);
    }

    @GetMapping(path = "/api/v1/data-subjects/{subjectRef}/key", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> key(@PathVariable String subjectRef, @RequestParam(required = false) Integer generation,
            HttpServletRequest request) {
        Optional<SubjectKey> key = EncryptedValue.isSubjectRef(subjectRef) && (generation == null || generation > 0)
                ? subjects.key(subjectRef, generation)
                : Optional.empty();
        if (key.isEmpty()) {
            return unknown(request, subjectRef);
        }
        SubjectKey found = key.get();
        if (found.destroyed()) {
            return problem(request, HttpStatus.GONE, Problems.DATA_SUBJECT_ERASED, "Data subject erased",
                    "The key of " + subjectRef + " (generation " + found.generation() + ") was destroyed at "
                            + found.destroyedAt() + ": its personal data is erased.");
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Key(found.subjectRef(), found.generation(), Base64.getEncoder().encodeToString(found.key()),
                        found.createdAt()));
    }

    private static ResponseEntity<ProblemDetail> unknown(HttpServletRequest request, String subjectRef) {
        return problem(request, HttpStatus.NOT_FOUND, Problems.UNKNOWN_DATA_SUBJECT, "Unknown data subject",
                "There is no data subject " + subjectRef + " (or no such key generation of it).");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpStatus status, String kind,
            String title, String detail) {
        ProblemDetail problem = Problems.problem(request, status, kind, title, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
