package dev.parallelrun.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes {@code application/problem+json} (RFC 9457) from filters and handlers that run before Spring MVC.
 * The type is {@code urn:parallelrun:problem:<kind>}, as the services' own problems.
 */
public final class ProblemResponses {

    public static final String TYPE_PREFIX = "urn:parallelrun:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, int status, String kind, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json(status, kind, title, detail).getBytes(StandardCharsets.UTF_8));
    }

    /** 429 with {@code Retry-After}. */
    public static void tooManyRequests(HttpServletResponse response, Duration wait, String detail) throws IOException {
        response.setHeader("Retry-After", Long.toString(ClientRateLimiter.retryAfterSeconds(wait)));
        write(response, 429, "too-many-requests", "Too many requests", detail);
    }

    public static String json(int status, String kind, String title, String detail) {
        return "{\"type\":\"" + escape(TYPE_PREFIX + kind) + "\",\"title\":\"" + escape(title) + "\",\"status\":"
                + status + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
