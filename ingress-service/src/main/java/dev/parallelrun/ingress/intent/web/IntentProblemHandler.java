package dev.parallelrun.ingress.intent.web;

import dev.parallelrun.events.Headers;
import dev.parallelrun.ingress.config.IngressProperties;
import dev.parallelrun.ingress.intent.application.CorrelationIdConflictException;
import dev.parallelrun.ingress.intent.application.IdempotencyConflictException;
import dev.parallelrun.ingress.intent.application.IntentNotDurableException;
import dev.parallelrun.ingress.intent.application.IntentNotPermittedException;
import dev.parallelrun.ingress.intent.application.IntentRejectedException;
import dev.parallelrun.ingress.authority.application.AuthorityNotKnownException;
import dev.parallelrun.ingress.intent.schema.UnknownIntentTypeException;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into an {@code application/problem+json} answer (RFC 9457) with a stable
 * {@code type}. Spring MVC's own errors (415, 405, 404 for unknown paths, ...) keep Spring's problem
 * bodies, with their kind recorded for the metrics.
 */
@RestControllerAdvice
class IntentProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IntentProblemHandler.class);

    private final Duration retryAfter;

    IntentProblemHandler(IngressProperties properties) {
        this.retryAfter = properties.publish().retryAfter();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unacceptable(UnacceptableRequestException e, HttpServletRequest request) {
        return answer(Problems.problem(request, e.status(), e.kind(), e.title(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownType(UnknownIntentTypeException e, HttpServletRequest request) {
        return answer(Problems.problem(request, HttpStatus.NOT_FOUND, Problems.UNKNOWN_INTENT_TYPE,
                "Unknown intent type", "There is no intent type '" + e.intentType() + "'."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notPermitted(IntentNotPermittedException e, HttpServletRequest request) {
        return answer(Problems.problem(request, HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                e.getMessage() + "."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(IntentRejectedException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.problem(request, HttpStatus.UNPROCESSABLE_CONTENT, Problems.INVALID_INTENT,
                "Invalid intent", "The body is not a valid " + e.intentType() + " intent: "
                        + e.violations().size() + " problem(s), listed in 'errors'.");
        List<Map<String, String>> errors = e.violations().stream().map(violation -> {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("pointer", violation.pointer());
            error.put("detail", violation.detail());
            return error;
        }).toList();
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(IdempotencyConflictException e, HttpServletRequest request) {
        return answer(Problems.problem(request, HttpStatus.CONFLICT, Problems.IDEMPOTENCY_CONFLICT,
                "Idempotency key reused", e.getMessage() + "; use a new " + Headers.IDEMPOTENCY_KEY
                        + " for a new request."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> correlationConflict(CorrelationIdConflictException e, HttpServletRequest request) {
        return answer(Problems.problem(request, HttpStatus.CONFLICT, Problems.CORRELATION_ID_CONFLICT,
                "Correlation id already used", "The " + Headers.CORRELATION_ID + " '" + e.correlationId()
                        + "' already names another intent, so this one was not accepted: a correlation id names one "
                        + "business transaction. Send a new one, or none to have one assigned."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notDurable(IntentNotDurableException e, HttpServletRequest request) {
        log.warn("Answering 503: {}", e.getMessage());
        // the broker may have written the event after the ingress stopped waiting: a retry is only safe
        // when it carries what the event id is derived from, so that it republishes the same event
        boolean retrySafe = request.getHeader(Headers.IDEMPOTENCY_KEY) != null
                || request.getHeader(Headers.CORRELATION_ID) != null;
        String detail = retrySafe
                ? "The intent could not be made durable in time and was not accepted. The broker may still have "
                        + "written it: retrying the same request with the same " + Headers.IDEMPOTENCY_KEY + " (or "
                        + Headers.CORRELATION_ID + ") is safe, it publishes the same event id and correlation id, "
                        + "which consumers de-duplicate."
                : "The intent could not be made durable in time and was not accepted. The broker may still have "
                        + "written it, and this request had neither an " + Headers.IDEMPOTENCY_KEY + " nor an "
                        + Headers.CORRELATION_ID + ": a retry is NOT safe, it would be a second intent. Send requests "
                        + "with an " + Headers.IDEMPOTENCY_KEY + " to retry them safely.";
        ProblemDetail problem = Problems.problem(request, HttpStatus.SERVICE_UNAVAILABLE, Problems.NOT_DURABLE,
                "Intent not accepted", detail);
        problem.setProperty("retrySafe", retrySafe);
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }

    /**
     * The ingress has not read the authority decisions in force yet (it just started): nothing was published, so a
     * retry is safe whatever the request carried.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> authorityNotKnown(AuthorityNotKnownException e, HttpServletRequest request) {
        log.info("Answering 503: {}", e.getMessage());
        ProblemDetail problem = Problems.problem(request, HttpStatus.SERVICE_UNAVAILABLE, Problems.AUTHORITY_NOT_KNOWN,
                "Intent not accepted yet", "The ingress is starting: it has not read the authority decisions in force, "
                        + "which every intent is stamped with. Nothing was published; retry after the Retry-After.");
        problem.setProperty("retrySafe", true);
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(problem);
    }

    /**
     * The idempotency store failed (unreachable, transaction timed out): the transaction rolled back
     * and nothing was published, so this is as retryable as a broker failure.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e, HttpServletRequest request) {
        return notDurable(new IntentNotDurableException("the idempotency store failed: " + e.getMessage(), e), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {}", request.getRequestURI(), e);
        return answer(Problems.problem(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The request failed unexpectedly."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        mark(request, Problems.UNSUPPORTED_MEDIA_TYPE);
        return super.handleHttpMediaTypeNotSupported(e, headers, status, request);
    }

    private static void mark(WebRequest request, String kind) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            Problems.markKind(servletRequest, kind);
        }
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
