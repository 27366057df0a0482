package dev.parallelrun.ingress.intent.web;

import org.springframework.http.HttpStatus;

/** A request refused before it reaches the use case: bad headers, a body too large or not JSON. */
class UnacceptableRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;

    UnacceptableRequestException(HttpStatus status, String kind, String title, String detail) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String kind() {
        return kind;
    }

    String title() {
        return title;
    }
}
