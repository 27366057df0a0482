package dev.parallelrun.ingress.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems (RFC 9457) the ingress answers with. Each has a stable kind, which is the last segment
 * of its {@code type} URI and the {@code reason} tag of the rejection metric.
 */
public final class Problems {

    /** Request attribute carrying the kind of problem a request was answered with, for metrics. */
    public static final String KIND_ATTRIBUTE = Problems.class.getName() + ".kind";

    public static final String MALFORMED_JSON = "malformed-json";
    public static final String INVALID_HEADER = "invalid-header";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String INVALID_INTENT = "invalid-intent";
    public static final String UNKNOWN_INTENT_TYPE = "unknown-intent-type";
    public static final String MISSING_API_KEY = "missing-api-key";
    public static final String UNKNOWN_API_KEY = "unknown-api-key";
    public static final String FORBIDDEN = "forbidden";
    public static final String IDEMPOTENCY_CONFLICT = "idempotency-conflict";
    public static final String CORRELATION_ID_CONFLICT = "correlation-id-conflict";
    public static final String NOT_DURABLE = "not-durable";
    public static final String AUTHORITY_NOT_KNOWN = "authority-not-known";
    public static final String TOO_MANY_REQUESTS = "too-many-requests";
    public static final String INVALID_SAMPLING_RATE = "invalid-sampling-rate";
    public static final String INVALID_DATA_SUBJECT_LOOKUP = "invalid-data-subject-lookup";
    public static final String UNKNOWN_DATA_SUBJECT = "unknown-data-subject";
    public static final String DATA_SUBJECT_ERASED = "data-subject-erased";

    private static final String TYPE_PREFIX = "urn:parallelrun:problem:";

    private Problems() {
    }

    /** A problem of the given kind; also records the kind on the request. */
    public static ProblemDetail problem(HttpServletRequest request, HttpStatus status, String kind, String title,
            String detail) {
        markKind(request, kind);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + kind));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** Records the kind of problem a request was answered with. */
    public static void markKind(HttpServletRequest request, String kind) {
        request.setAttribute(KIND_ATTRIBUTE, kind);
    }

    /** The kind recorded on the request, or one derived from the status. */
    public static String kindOf(HttpServletRequest request, int status) {
        Object kind = request.getAttribute(KIND_ATTRIBUTE);
        if (kind instanceof String name) {
            return name;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "status-" + status : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
