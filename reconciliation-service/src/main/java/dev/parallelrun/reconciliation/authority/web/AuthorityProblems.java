package dev.parallelrun.reconciliation.authority.web;

import dev.parallelrun.reconciliation.authority.application.ReadinessNotMetException;
import dev.parallelrun.reconciliation.authority.domain.InvalidDecisionException;
import dev.parallelrun.reconciliation.authority.domain.TransitionRefusedException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The authority API's refusals as RFC 9457 problem details (the shared handler answers the rest). */
@RestControllerAdvice(assignableTypes = AuthorityController.class)
class AuthorityProblems {

    @ExceptionHandler(InvalidDecisionException.class)
    ProblemDetail invalid(InvalidDecisionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:invalid-authority-decision"));
        problem.setTitle("Invalid authority decision");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(TransitionRefusedException.class)
    ProblemDetail refused(TransitionRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:authority-transition-refused"));
        problem.setTitle("Authority transition refused");
        return problem;
    }

    @ExceptionHandler(ReadinessNotMetException.class)
    ProblemDetail notReady(ReadinessNotMetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:not-ready"));
        problem.setTitle("Not ready for this promotion");
        problem.setProperty("readiness", e.report());
        return problem;
    }
}
