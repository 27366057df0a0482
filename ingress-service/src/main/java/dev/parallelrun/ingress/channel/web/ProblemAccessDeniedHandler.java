package dev.parallelrun.ingress.channel.web;

import dev.parallelrun.ingress.web.ProblemResponseWriter;
import dev.parallelrun.ingress.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers 403 as a problem: the channel is known but may not use this endpoint. */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemResponseWriter.write(response, Problems.problem(request, HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                "Forbidden", "The channel may not use this endpoint."));
    }
}
