package dev.parallelrun.reconciliation.evidence.web;

import dev.parallelrun.reconciliation.evidence.application.DigestMismatchException;
import dev.parallelrun.reconciliation.evidence.application.SignOffRejectedException;
import dev.parallelrun.reconciliation.evidence.application.UnknownContextException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The evidence API's own refusals as RFC 9457 problem details (the shared ones: web/ApiExceptionHandler). */
@RestControllerAdvice(assignableTypes = EvidenceController.class)
class EvidenceExceptionHandler {

    @ExceptionHandler(UnknownContextException.class)
    ProblemDetail unknownContext(UnknownContextException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:not-found"));
        problem.setTitle("Unknown context");
        return problem;
    }

    @ExceptionHandler(SignOffRejectedException.class)
    ProblemDetail rejected(SignOffRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:invalid-sign-off"));
        problem.setTitle("Invalid sign-off");
        problem.setProperty("member", e.member());
        return problem;
    }

    @ExceptionHandler(DigestMismatchException.class)
    ProblemDetail mismatch(DigestMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:digest-mismatch"));
        problem.setTitle("digest does not match the current pack");
        return problem;
    }
}
