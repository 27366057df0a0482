package dev.parallelrun.reconciliation.replay.web;

import dev.parallelrun.reconciliation.replay.domain.InvalidReplayException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The replay API's own problems, as RFC 9457 problem details; everything else is the shared handler's. */
@RestControllerAdvice(assignableTypes = {ReplayController.class, NoiseRunController.class})
class ReplayProblems {

    @ExceptionHandler(InvalidReplayException.class)
    ProblemDetail invalid(InvalidReplayException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:invalid-replay"));
        problem.setTitle("Replay refused");
        problem.setProperty("member", e.member());
        return problem;
    }

    @ExceptionHandler(ReplayFinishedException.class)
    ProblemDetail finished(ReplayFinishedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:parallelrun:problem:replay-finished"));
        problem.setTitle("Replay already finished");
        problem.setProperty("state", e.state());
        return problem;
    }
}
