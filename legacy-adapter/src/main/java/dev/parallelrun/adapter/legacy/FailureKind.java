package dev.parallelrun.adapter.legacy;

import dev.parallelrun.adapter.shared.domain.LegacyCallFailure;
import java.net.SocketTimeoutException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Why one attempt at calling the legacy platform failed. Only technical failures that another
 * attempt may cure (timeouts, refused connections, 5xx) are retried.
 */
enum FailureKind {
    TIMEOUT("timeout", true, LegacyCallFailure.TIMEOUT),
    CONNECTION("connection", true, LegacyCallFailure.ERROR),
    SERVER_ERROR("server-error", true, LegacyCallFailure.ERROR),
    CLIENT_ERROR("client-error", false, LegacyCallFailure.ERROR),
    UNREADABLE("unreadable", false, LegacyCallFailure.ERROR);

    private final String tag;
    private final boolean retryable;
    private final LegacyCallFailure failure;

    FailureKind(String tag, boolean retryable, LegacyCallFailure failure) {
        this.tag = tag;
        this.retryable = retryable;
        this.failure = failure;
    }

    /** The metric tag value. */
    String tag() {
        return tag;
    }

    boolean retryable() {
        return retryable;
    }

    LegacyCallFailure failure() {
        return failure;
    }

    static FailureKind of(Throwable failure) {
        if (failure instanceof HttpServerErrorException) {
            return SERVER_ERROR;
        }
        if (failure instanceof RestClientResponseException) {
            return CLIENT_ERROR;
        }
        if (failure instanceof ResourceAccessException || causedByIo(failure)) {
            // an I/O failure while the answer was read (RestClient wraps it as "Error while extracting response")
            // is the transport's, not the answer's: retried like a refused connection
            return causedByTimeout(failure) ? TIMEOUT : CONNECTION;
        }
        return UNREADABLE;
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // a read timeout, and a connect timeout too (Apache HttpClient's ConnectTimeoutException is one)
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
