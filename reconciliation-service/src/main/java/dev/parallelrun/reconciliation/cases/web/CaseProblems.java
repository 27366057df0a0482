package dev.parallelrun.reconciliation.cases.web;

import dev.parallelrun.reconciliation.cases.application.CaseNotFoundException;
import dev.parallelrun.reconciliation.cases.application.StaleCaseException;
import dev.parallelrun.reconciliation.cases.application.TooManyCasesException;
import dev.parallelrun.reconciliation.cases.domain.IllegalTransitionException;
import dev.parallelrun.reconciliation.cases.domain.InvalidTransitionException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The cases API's refusals as RFC 9457 problem details (the shared handler answers the rest). */
@RestControllerAdvice(assignableTypes = CasesController.class)
class CaseProblems {

    @ExceptionHandler(CaseNotFoundException.class)
    ProblemDetail notFound(CaseNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No divergence case", e);
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ProblemDetail ifMatchMissing(PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "case-version-required", "If-Match required", e);
    }

    @ExceptionHandler(StaleCaseException.class)
    ProblemDetail stale(StaleCaseException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "case-changed", "The case has changed", e);
        problem.setProperty("currentVersion", e.currentVersion());
        return problem;
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ProblemDetail illegal(IllegalTransitionException e) {
        return problem(HttpStatus.CONFLICT, "case-transition-refused", "Case transition refused", e);
    }

    @ExceptionHandler(InvalidTransitionException.class)
    ProblemDetail invalid(InvalidTransitionException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-case-transition",
                "Invalid case transition", e);
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(TooManyCasesException.class)
    ProblemDetail tooMany(TooManyCasesException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-cases", "Too many cases", e);
        problem.setProperty("matched", e.matched());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
