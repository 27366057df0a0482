package dev.parallelrun.reconciliation.rules.whatif;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The what-if API's own refusals as RFC 9457 problem details (the shared ones: web/ApiExceptionHandler). */
@RestControllerAdvice(assignableTypes = WhatIfController.class)
class WhatIfExceptionHandler {

    @ExceptionHandler(CandidateRejectedException.class)
    ProblemDetail rejected(CandidateRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:invalid-candidate-rule-set"));
        problem.setTitle(e.title());
        if (e.rule() != null) {
            problem.setProperty("rule", e.rule());
        }
        return problem;
    }
}
